package dev.lockstep.reactor;

import dev.lockstep.future.Poll;
import dev.lockstep.future.JoinHandle;
import dev.lockstep.runtime.Simulation;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import reactor.core.Disposable;
import reactor.core.scheduler.Scheduler;

/**
 * A Reactor {@link Scheduler} whose tasks are tasks of one simulation, on its virtual clock.
 *
 * <h2>Scheduling</h2>
 * <ul>
 *   <li>{@link #createWorker()}: a {@link SimWorker}, whose tasks run one at a time in submission order.
 *   <li>{@link #schedule(Runnable)} and its timed forms: for a {@code single()} scheduler, on one
 *       shared worker (Reactor's single scheduler runs them in order on its one thread); otherwise
 *       each is a simulation task of its own, so their order is a choice of the run, as on
 *       Reactor's thread pools.
 *   <li>{@link #now(TimeUnit)}: the simulation's virtual time.
 * </ul>
 *
 * <h2>Errors</h2>
 * A runnable that throws fails its simulation task, and so the enclosing {@code blockOn} with a
 * {@code TaskFailedException} naming it (Reactor would log it and move on; a test should not).
 * Scheduling on a disposed scheduler or worker throws {@link RejectedExecutionException}, which
 * Reactor operators turn into an {@code onError}.
 */
final class SimScheduler implements Scheduler {
    private final Simulation sim;
    private final String name;
    private final boolean serial;
    private final Tracked tracked = new Tracked();
    private SimWorker shared;
    private int workers;
    private boolean disposed;

    SimScheduler(Simulation sim, String name, boolean serial) {
        this.sim = sim;
        this.name = name;
        this.serial = serial;
    }

    Simulation simulation() {
        return sim;
    }

    @Override
    public Disposable schedule(Runnable task) {
        if (serial) {
            return sharedWorker().schedule(task);
        }
        return timed(task, 0, -1, TimeUnit.NANOSECONDS);
    }

    @Override
    public Disposable schedule(Runnable task, long delay, TimeUnit unit) {
        if (serial) {
            return sharedWorker().schedule(task, delay, unit);
        }
        return timed(task, Math.max(0, delay), -1, unit);
    }

    @Override
    public Disposable schedulePeriodically(Runnable task, long initialDelay, long period, TimeUnit unit) {
        if (serial) {
            return sharedWorker().schedulePeriodically(task, initialDelay, period, unit);
        }
        return timed(task, Math.max(0, initialDelay), Math.max(0, period), unit);
    }

    @Override
    public long now(TimeUnit unit) {
        return unit.convert(sim.nanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    public Worker createWorker() {
        checkOpen(false, name);
        return new SimWorker(this, name + "-w" + (++workers));
    }

    @Override
    public void dispose() {
        if (disposed) {
            return;
        }
        disposed = true;
        if (shared != null) {
            shared.dispose();
        }
        tracked.disposeAll();
    }

    @Override
    public boolean isDisposed() {
        return disposed;
    }

    @Override
    public void init() {}

    @Override
    public String toString() {
        return "Lockstep virtual-time scheduler '" + name + "'";
    }

    /** Refuses work once this scheduler, or the worker {@code what} ({@code workerDisposed}), is disposed. */
    void checkOpen(boolean workerDisposed, String what) {
        if (disposed || workerDisposed) {
            throw new RejectedExecutionException("Lockstep scheduler '" + what + "' is disposed"
                    + " (its VirtualSchedulers installation was closed, or it was disposed by hand)");
        }
    }

    private SimWorker sharedWorker() {
        checkOpen(false, name);
        if (shared == null) {
            shared = new SimWorker(this, name);
        }
        return shared;
    }

    private Disposable timed(Runnable task, long delay, long period, TimeUnit unit) {
        checkOpen(false, name);
        long deadline = TimedRun.deadline(sim.nanos(), unit.toNanos(delay));
        long periodNanos = period < 0 ? -1 : unit.toNanos(period);
        Tracked.Entry[] entry = new Tracked.Entry[1];
        Runnable body = periodNanos < 0 ? () -> {
            entry[0].finish();
            task.run();
        } : task;
        JoinHandle<Void> h = delay == 0 && periodNanos < 0
                ? sim.spawn(name + "-task", cx -> {
                    body.run();
                    return Poll.ready(null);
                })
                : sim.spawn(name + "-timer", new TimedRun(body, deadline, periodNanos));
        entry[0] = tracked.add(h::abort);
        return entry[0];
    }
}
