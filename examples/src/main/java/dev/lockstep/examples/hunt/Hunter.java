package dev.lockstep.examples.hunt;

import dev.lockstep.choice.ChoiceSource;
import dev.lockstep.examples.Scenario;
import dev.lockstep.examples.Variant;
import dev.lockstep.fault.FaultPlan;
import dev.lockstep.property.ScheduleShrinker;
import dev.lockstep.runtime.Simulation;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Runs a scenario over many seeds on several threads, one run per thread at a time.
 *
 * <h2>Faults</h2>
 * Each run is set up by the scenario's {@link Scenario#configure}; in swarm mode its fault plan is
 * then replaced by {@link FaultPlan#swarm()}, so every run draws its own plan from its choices (the
 * draws are part of its replay string, and {@code sim.faultPlan()} is what it drew).
 *
 * <h2>Determinism</h2>
 * The result does not depend on the number of threads: runs are claimed in index order, and the
 * failure reported is the one with the lowest run index (runs after it that were already started
 * finish, but cannot displace it). With {@code all}, every failure is collected, in index order.
 */
final class Hunter {
    private final Scenario scenario;
    private final Variant variant;
    private final int traceCapacity;
    private final boolean swarm;

    /**
     * A hunter of {@code variant} of {@code scenario}, keeping {@code traceCapacity} trace events
     * per run; {@code swarm} makes each run draw its own fault plan.
     */
    Hunter(Scenario scenario, Variant variant, int traceCapacity, boolean swarm) {
        this.scenario = scenario;
        this.variant = variant;
        this.traceCapacity = traceCapacity;
        this.swarm = swarm;
    }

    /** A builder for one run of this scenario: its own setup, then swarm faults if asked for. */
    Simulation.Builder builder() {
        Simulation.Builder b = scenario.configure(Simulation.builder()).traceCapacity(traceCapacity);
        return swarm ? b.faults(FaultPlan.swarm()) : b;
    }

    /** Shrinks a failing run's choices, replaying candidates of this scenario. */
    ScheduleShrinker.Shrunk shrink(RunOutcome failing, java.time.Duration budget) {
        return ScheduleShrinker.shrink(failing.sim().choices().recorded(), this::builder,
                sim -> scenario.run(sim, variant), budget);
    }

    /** One run from {@code source}. */
    RunOutcome runOnce(long index, long seed, ChoiceSource source) {
        Simulation sim = builder().choices(source).build();
        try {
            scenario.run(sim, variant);
            return new RunOutcome(index, seed, sim, null);
        } catch (RuntimeException | AssertionError | StackOverflowError e) {
            return new RunOutcome(index, seed, sim, e);
        }
    }

    /** Runs {@code runs} seeds from {@code baseSeed}; returns the failures (at most one unless {@code all}). */
    List<RunOutcome> hunt(long baseSeed, long runs, int jobs, boolean all, Consumer<RunOutcome> onDone)
            throws InterruptedException {
        AtomicLong next = new AtomicLong();
        AtomicLong stopAt = new AtomicLong(runs);
        ConcurrentSkipListMap<Long, RunOutcome> failures = new ConcurrentSkipListMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(jobs, r -> {
            Thread t = new Thread(r, "hunt-worker");
            t.setDaemon(true);
            return t;
        });
        for (int j = 0; j < jobs; j++) {
            pool.execute(() -> {
                while (true) {
                    long i = next.getAndIncrement();
                    if (i >= stopAt.get()) {
                        return;
                    }
                    long seed = baseSeed + i;
                    RunOutcome out = runOnce(i, seed, ChoiceSource.seeded(seed));
                    if (out.failed()) {
                        failures.put(i, out);
                        if (!all) {
                            stopAt.accumulateAndGet(i, Math::min);
                        }
                    }
                    onDone.accept(out);
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(Long.MAX_VALUE, TimeUnit.DAYS);
        List<RunOutcome> out = new ArrayList<>(failures.values());
        return all ? out : out.isEmpty() ? out : List.of(out.get(0));
    }
}
