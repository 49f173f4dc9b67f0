package dev.lockstep.examples.hunt;

import dev.lockstep.property.ScheduleShrinker;
import dev.lockstep.choice.ChoiceSource;
import dev.lockstep.fault.FaultPlan;
import dev.lockstep.runtime.Simulation;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * Runs a {@link HuntTarget} over many seeds on several threads, one run per thread at a time.
 *
 * <h2>Faults</h2>
 * Each run is set up by the target's {@link HuntTarget#configure}; in swarm mode its fault plan is
 * then replaced by {@link FaultPlan#swarm()}, so every run draws its own plan from its choices (the
 * draws are part of its replay string, and {@code sim.faultPlan()} is what it drew).
 *
 * <h2>Determinism</h2>
 * The result does not depend on the number of threads: runs are claimed in index order, and the
 * failures returned are the {@code maxFailures} with the lowest run indices. When that many have
 * been found, no run past the last of them is started; runs before it that were already started
 * finish and may displace later ones, so what is returned is exactly what one thread would find.
 */
final class Hunter {
    private final HuntTarget target;
    private final int reportCapacity;
    private final boolean swarm;
    private final ClassLoader loader;

    /** Trace events kept by each run of a hunt over seeds: enough for a report's tail. */
    static final int HUNT_CAPACITY = 10_000;

    /**
     * A hunter of {@code target}. Runs over seeds keep {@link #HUNT_CAPACITY} trace events each, so
     * many collected failures stay small; the runs that are reported (a replay, a shrunk failure)
     * keep {@code reportCapacity}, all of them when a timeline is written. {@code swarm} makes each
     * run draw its own fault plan; {@code loader} is the worker threads' context class loader (the
     * user scenario's).
     */
    Hunter(HuntTarget target, int reportCapacity, boolean swarm, ClassLoader loader) {
        this.target = target;
        this.reportCapacity = reportCapacity;
        this.swarm = swarm;
        this.loader = loader;
    }

    /** A builder for one run keeping {@code capacity} trace events: the target's setup, then swarm faults if asked for. */
    Simulation.Builder builder(int capacity) {
        Simulation.Builder b = target.configure(Simulation.builder()).traceCapacity(capacity);
        return swarm ? b.faults(FaultPlan.swarm()) : b;
    }

    /** Shrinks a failing run's choices, replaying candidates of the target. */
    ScheduleShrinker.Shrunk shrink(RunOutcome failing, java.time.Duration budget) {
        return ScheduleShrinker.shrink(failing.sim().choices().recorded(), () -> builder(reportCapacity),
                sim -> target.run(sim, 0), budget);
    }

    /**
     * The replay of {@code replay} (a replay string or {@code @path}), keeping the trace a report needs.
     *
     * @throws SetupException if the run cannot be set up: the target's setup is refused, or the
     *                        string's setup contradicts it (the message names both)
     */
    RunOutcome replay(String replay) {
        return runOnce(-1, 0, reportCapacity, b -> b.replay(replay));
    }

    /**
     * A run's simulation could not be built: the target's {@code configure} threw, or a replay
     * string's setup contradicts it. No run of the target can be made, so the hunt stops.
     */
    static final class SetupException extends RuntimeException {
        SetupException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** One run keeping {@code capacity} trace events, its choices given to the builder by {@code choices}. */
    private RunOutcome runOnce(long index, long seed, int capacity, UnaryOperator<Simulation.Builder> choices) {
        Simulation sim;
        try {
            sim = choices.apply(builder(capacity)).build();
        } catch (RuntimeException e) {
            throw new SetupException("cannot set up a run of " + target.describe() + ": " + e.getMessage(), e);
        }
        try {
            target.run(sim, index < 0 ? 0 : (int) Math.min(index, Integer.MAX_VALUE));
            return new RunOutcome(index, seed, sim, null);
        } catch (Throwable e) {
            // Whatever the scenario throws fails the run (an Error of its own too), except a JVM
            // failure such as running out of memory, which ends the hunt.
            if (e instanceof VirtualMachineError && !(e instanceof StackOverflowError)) {
                throw e;
            }
            return new RunOutcome(index, seed, sim, e);
        }
    }

    /**
     * Runs {@code runs} seeds from {@code baseSeed}; returns the failures, at most
     * {@code maxFailures}, in run order. {@code onDone} is called after every run, from the worker.
     *
     * @throws SetupException if a run cannot be set up (then no further run is started)
     */
    List<RunOutcome> hunt(long baseSeed, long runs, int jobs, int maxFailures, Consumer<RunOutcome> onDone)
            throws InterruptedException {
        AtomicLong next = new AtomicLong();
        AtomicLong stopAt = new AtomicLong(runs);
        ConcurrentSkipListMap<Long, RunOutcome> failures = new ConcurrentSkipListMap<>();
        AtomicReference<SetupException> setupFailure = new AtomicReference<>();
        ExecutorService pool = Executors.newFixedThreadPool(jobs, r -> {
            Thread t = new Thread(r, "hunt-worker");
            t.setDaemon(true);
            t.setContextClassLoader(loader);
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
                    RunOutcome out;
                    try {
                        out = runOnce(i, seed, Math.min(HUNT_CAPACITY, reportCapacity),
                                b -> b.choices(ChoiceSource.seeded(seed)));
                    } catch (SetupException e) {
                        setupFailure.compareAndSet(null, e);
                        stopAt.set(0);
                        return;
                    }
                    if (out.failed()) {
                        failures.put(i, out);
                        limit(failures, maxFailures, stopAt);
                    }
                    onDone.accept(out);
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(Long.MAX_VALUE, TimeUnit.DAYS);
        if (setupFailure.get() != null) {
            throw setupFailure.get();
        }
        List<RunOutcome> out = new ArrayList<>();
        for (RunOutcome f : failures.values()) {
            if (out.size() == maxFailures) {
                break;
            }
            out.add(f);
        }
        return out;
    }

    /** With {@code max} failures found, no run after the {@code max}-th lowest is started. */
    private static void limit(ConcurrentSkipListMap<Long, RunOutcome> failures, int max, AtomicLong stopAt) {
        if (failures.size() < max) {
            return;
        }
        long seen = 0;
        for (Long index : failures.keySet()) {
            if (++seen == max) {
                long last = index;
                stopAt.accumulateAndGet(last + 1, Math::min);
                return;
            }
        }
    }
}
