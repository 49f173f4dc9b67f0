package dev.lockstep.reactor;

import dev.lockstep.runtime.Simulation;
import java.util.concurrent.atomic.AtomicReference;
import reactor.core.scheduler.Schedulers;

/**
 * An open {@link VirtualSchedulers#install} of Lockstep as Reactor's scheduler factory.
 * {@link #close()} restores Reactor's previous schedulers and factory and disposes every scheduler
 * made while it was open, {@code Schedulers.parallel()} and {@code Schedulers.newParallel(..)}
 * alike (their pending timers are aborted, and they reject new work); closing twice does nothing.
 */
public final class SchedulerInstallation implements AutoCloseable {
    private final Simulation sim;
    private final AtomicReference<SchedulerInstallation> open;
    private final String thread = Thread.currentThread().getName();
    private Schedulers.Snapshot snapshot;
    private SimSchedulerFactory factory;
    private boolean closed;

    SchedulerInstallation(Simulation sim, AtomicReference<SchedulerInstallation> open) {
        this.sim = sim;
        this.open = open;
    }

    void open(Schedulers.Snapshot snapshot, SimSchedulerFactory factory) {
        this.snapshot = snapshot;
        this.factory = factory;
    }

    /** The simulation Reactor's schedulers run on. */
    public Simulation simulation() {
        return sim;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            Schedulers.resetFrom(snapshot);
            // resetFrom disposes only the schedulers Reactor cached; Schedulers.newXxx ones are ours too.
            factory.disposeAll();
        } finally {
            open.compareAndSet(this, null);
        }
    }

    String describe() {
        return "a simulation at step " + sim.step() + " (installed from thread '" + thread + "')";
    }
}
