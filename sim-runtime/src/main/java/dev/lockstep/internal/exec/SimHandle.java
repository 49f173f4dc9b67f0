package dev.lockstep.internal.exec;

import dev.lockstep.choice.ChoiceSource;
import dev.lockstep.future.Future;
import dev.lockstep.future.JoinHandle;
import dev.lockstep.future.RuntimeHandle;
import dev.lockstep.future.TimerRegistration;
import dev.lockstep.future.Waker;
import dev.lockstep.trace.TraceEvent;
import java.time.Instant;
import java.util.Objects;

/** The {@link RuntimeHandle} a {@code Simulation} gives the futures it polls. */
public final class SimHandle implements RuntimeHandle {
    private final Kernel sim;

    SimHandle(Kernel sim) {
        this.sim = sim;
    }

    @Override
    public long nanos() {
        return sim.nanos();
    }

    @Override
    public Instant now() {
        return Instant.EPOCH.plusNanos(sim.nanos());
    }

    @Override
    public TimerRegistration wakeAt(long deadlineNanos, Waker waker) {
        return sim.timers().add(deadlineNanos, Objects.requireNonNull(waker, "waker"), null);
    }

    @Override
    public <T> Future<T> beforeInnerPoll(Future<T> inner) {
        return sim.faults().beforeInnerPoll(inner);
    }

    @Override
    public void afterInnerReady(Future<?> inner) {
        sim.faults().afterInnerReady(inner);
    }

    @Override
    public TimerRegistration runAt(long deadlineNanos, Runnable action) {
        return sim.timers().add(deadlineNanos, null, Objects.requireNonNull(action, "action"));
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> JoinHandle<T> spawn(String name, Future<T> future) {
        Task current = sim.tasks().current();
        Task t = sim.newTask(name, future, current != null ? current.id : Task.OUTSIDE_PARENT);
        return (JoinHandle<T>) t.handle;
    }

    @Override
    public ChoiceSource choices() {
        return sim.choices();
    }

    @Override
    public void trace(TraceEvent event) {
        sim.trace().add(Objects.requireNonNull(event, "event"));
    }

    @Override
    public long step() {
        return sim.step();
    }

    @Override
    public int currentTaskId() {
        Task t = sim.tasks().current();
        return t != null ? t.id : -1;
    }

    @Override
    public String currentTaskName() {
        Task t = sim.tasks().current();
        return t != null ? t.name : "-";
    }

    @Override
    public String currentHost() {
        Task t = sim.tasks().current();
        return t != null ? t.host : "";
    }

    @Override
    public boolean buggify(String site) {
        return sim.faults().buggify(site);
    }

    @Override
    public <S> S service(Class<S> type) {
        return type.cast(sim.services().get(type));
    }

    @Override
    public String describe() {
        return sim.describe();
    }

    @Override
    public boolean isSimulated() {
        return true;
    }

    @Override
    public Thread passBaton(Thread to) {
        Objects.requireNonNull(to, "to");
        if (!sim.threads().isSimulationThread()) {
            throw new IllegalStateException("passBaton called from thread '" + Thread.currentThread().getName()
                    + "', which does not hold the simulation (" + sim.describe() + ")");
        }
        return sim.threads().passBaton(to);
    }

    @Override
    public boolean isRuntimeThread() {
        return sim.threads().isSimulationThread();
    }

    @Override
    public void reportForeignThread(String event, String detail) {
        sim.threads().report(Objects.requireNonNull(event, "event"), Objects.requireNonNull(detail, "detail"));
    }

    @Override
    public String toString() {
        return "Simulation[step " + sim.step() + "]";
    }
}
