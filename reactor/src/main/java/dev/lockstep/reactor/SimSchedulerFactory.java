package dev.lockstep.reactor;

import dev.lockstep.runtime.Simulation;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadFactory;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Reactor's {@link Schedulers.Factory} while a {@link VirtualSchedulers} installation is open:
 * every scheduler it makes ({@code parallel}, {@code single}, {@code boundedElastic}, and the
 * {@code Schedulers.newXxx} ones) is a {@link SimScheduler} of the installation's simulation. The
 * thread counts and factories Reactor passes are ignored: a simulation has one thread. Closing the
 * installation disposes every scheduler it made ({@link #disposeAll()}), the shared ones Reactor
 * caches and the {@code newXxx} ones alike.
 */
final class SimSchedulerFactory implements Schedulers.Factory {
    private final Simulation sim;
    /** Every scheduler made, in order, for {@link #disposeAll()}. */
    private final List<SimScheduler> made = new ArrayList<>();

    SimSchedulerFactory(Simulation sim) {
        this.sim = sim;
    }

    @Override
    public Scheduler newBoundedElastic(int threadCap, int queuedTaskCap, ThreadFactory threadFactory, int ttlSeconds) {
        return make("boundedElastic", false);
    }

    @Override
    public Scheduler newThreadPerTaskBoundedElastic(int threadCap, int queuedTaskCap, ThreadFactory threadFactory) {
        return make("boundedElastic", false);
    }

    @Override
    public Scheduler newParallel(int parallelism, ThreadFactory threadFactory) {
        return make("parallel", false);
    }

    @Override
    public Scheduler newSingle(ThreadFactory threadFactory) {
        return make("single", true);
    }

    // Names carry a count so that two parallel() schedulers of one run are told apart in the trace.
    private Scheduler make(String kind, boolean serial) {
        SimScheduler s = new SimScheduler(sim, "reactor-" + kind + "-" + (made.size() + 1), serial);
        made.add(s);
        return s;
    }

    /** Disposes every scheduler this factory made (their pending timers are aborted), oldest first. */
    void disposeAll() {
        for (SimScheduler s : made) {
            s.dispose();
        }
    }
}
