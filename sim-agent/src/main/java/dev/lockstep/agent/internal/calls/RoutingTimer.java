package dev.lockstep.agent.internal.calls;

import dev.lockstep.internal.edge.CurrentRun;
import dev.lockstep.internal.edge.EdgeRun;
import dev.lockstep.time.VirtualScheduledExecutor;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Date;
import java.util.Timer;
import java.util.TimerTask;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * What a rewritten {@code new Timer(..)} creates: a {@code Timer} whose tasks, when scheduled on
 * a simulation's thread, run as tasks of that run's executor in virtual time (a {@code Date} is
 * read on the simulation's wall clock); anywhere else it is the timer it was built as, and its
 * thread is the JDK's.
 *
 * <h2>Timer tasks</h2>
 * As with the JDK's timer, a task can be scheduled once, and {@code TimerTask.cancel()} stops it
 * from running again; the agent reads and sets the task's state, which it may since it opened
 * {@code java.util} to itself when it was installed. An exception thrown by a task ends that task
 * only (the JDK's timer would end its thread and every task).
 */
public class RoutingTimer extends Timer {
    private static final int VIRGIN = 0;
    private static final int SCHEDULED = 1;
    private static final int EXECUTED = 2;
    private static final int CANCELLED = 3;
    private static final VarHandle STATE = state();

    private final RoutingExecutor route = new RoutingExecutor("new java.util.Timer(..)", "timer", () -> null);

    public RoutingTimer(int site) {
        super();
    }

    public RoutingTimer(boolean daemon, int site) {
        super(daemon);
    }

    public RoutingTimer(String name, int site) {
        super(name);
    }

    public RoutingTimer(String name, boolean daemon, int site) {
        super(name, daemon);
    }

    private static VarHandle state() {
        try {
            return MethodHandles.privateLookupIn(TimerTask.class, MethodHandles.lookup())
                    .findVarHandle(TimerTask.class, "state", int.class);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    @Override
    public void schedule(TimerTask task, long delay) {
        VirtualScheduledExecutor v = route.sim();
        if (v == null || STATE == null) {
            super.schedule(task, delay);
        } else {
            virtual(v, task, delay, 0, false);
        }
    }

    @Override
    public void schedule(TimerTask task, Date time) {
        VirtualScheduledExecutor v = route.sim();
        if (v == null || STATE == null) {
            super.schedule(task, time);
        } else {
            virtual(v, task, untilDate(time), 0, false);
        }
    }

    @Override
    public void schedule(TimerTask task, long delay, long period) {
        VirtualScheduledExecutor v = route.sim();
        if (v == null || STATE == null) {
            super.schedule(task, delay, period);
        } else {
            virtual(v, task, delay, period, false);
        }
    }

    @Override
    public void schedule(TimerTask task, Date first, long period) {
        VirtualScheduledExecutor v = route.sim();
        if (v == null || STATE == null) {
            super.schedule(task, first, period);
        } else {
            virtual(v, task, untilDate(first), period, false);
        }
    }

    @Override
    public void scheduleAtFixedRate(TimerTask task, long delay, long period) {
        VirtualScheduledExecutor v = route.sim();
        if (v == null || STATE == null) {
            super.scheduleAtFixedRate(task, delay, period);
        } else {
            virtual(v, task, delay, period, true);
        }
    }

    @Override
    public void scheduleAtFixedRate(TimerTask task, Date first, long period) {
        VirtualScheduledExecutor v = route.sim();
        if (v == null || STATE == null) {
            super.scheduleAtFixedRate(task, first, period);
        } else {
            virtual(v, task, untilDate(first), period, true);
        }
    }

    @Override
    public void cancel() {
        VirtualScheduledExecutor v = route.simQuiet();
        if (v != null) {
            v.shutdownNow();
        }
        super.cancel();
    }

    private static long untilDate(Date time) {
        EdgeRun r = CurrentRun.get();
        return Math.max(0, time.getTime() - r.wallClock().toEpochMilli());
    }

    private void virtual(VirtualScheduledExecutor v, TimerTask task, long delay, long period, boolean fixedRate) {
        if (delay < 0) {
            throw new IllegalArgumentException("Negative delay.");
        }
        if (period < 0) {
            throw new IllegalArgumentException("Non-positive period.");
        }
        synchronized (task) {
            if ((int) STATE.getVolatile(task) != VIRGIN) {
                throw new IllegalStateException("Task already scheduled or cancelled");
            }
            STATE.setVolatile(task, SCHEDULED);
        }
        if (period == 0) {
            v.schedule(() -> {
                if ((int) STATE.getVolatile(task) == CANCELLED) {
                    return;
                }
                STATE.setVolatile(task, EXECUTED);
                task.run();
            }, delay, TimeUnit.MILLISECONDS);
            return;
        }
        ScheduledFuture<?>[] self = new ScheduledFuture<?>[1];
        Runnable run = () -> {
            if ((int) STATE.getVolatile(task) == CANCELLED) {
                self[0].cancel(false);
                return;
            }
            task.run();
        };
        self[0] = fixedRate ? v.scheduleAtFixedRate(run, delay, period, TimeUnit.MILLISECONDS)
                : v.scheduleWithFixedDelay(run, delay, period, TimeUnit.MILLISECONDS);
    }
}
