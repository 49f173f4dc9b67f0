package dev.lockstep.property;

import dev.lockstep.runtime.Simulation;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * A property over simulated runs: a scenario checked over many seeded runs, with failures shrunk
 * and reported with a replay string. Usable without JUnit; {@code @SimTest} is built on it.
 *
 * <pre>{@code
 * PropertyResult r = Property.of("cache stays fresh", sim -> { ...; sim.blockOn(...); assert ...; })
 *         .runs(1000)
 *         .check();
 * r.assertPassed();   // throws LockstepFailure with the report
 * }</pre>
 *
 * <h2>A check</h2>
 * <ol>
 *   <li>With a {@link #replay replay string}, only that run: it fails or passes, unshrunk.
 *   <li>Otherwise the failure store's entries first, in order; the first that still fails is
 *       shrunk and reported, and no seeded run is made.
 *   <li>Then the seeded runs of this {@link #shard shard}: run {@code i} draws from
 *       {@code ChoiceSource.seeded(RunSeeds.of(seed, i))}. The failing run with the lowest index
 *       is replayed (to confirm it is deterministic), {@linkplain Shrinker shrunk} within
 *       {@link #shrinkTime}, reported and added to the store.
 *   <li>If everything passed, a {@link #checkDeterminism sample} of runs is re-run to compare trace
 *       hashes, and stored entries that passed are removed from the store.
 * </ol>
 *
 * <h2>Determinism</h2>
 * The result, including the failing run and the shrunk replay string, is the same whatever the
 * {@link #parallelism}, as long as the scenario follows {@link Scenario}'s contract and the shrink
 * finishes within its budget. Only the elapsed times differ.
 *
 * <h2>Threads</h2>
 * A {@code Property} is a builder: configure it on one thread, then {@link #check()} may be called
 * repeatedly; each check reads the settings once at its start.
 */
public final class Property {
    /** Default seeded runs. */
    public static final int DEFAULT_RUNS = 100;
    /**
     * Default step limit of each run, 1,000,000 polls: ten times lower than a bare simulation's.
     * A test run that needs more is one nobody can shrink or read in a report, and a busy loop
     * that does make "progress" (a timer re-armed at zero delay) is stopped here within a second.
     */
    public static final long DEFAULT_MAX_STEPS = 1_000_000;
    /**
     * Default livelock window, 10,000 polls in a row with no progress (no spawn, no finish, no
     * clock move, no wake from outside the tasks; see {@code Simulation.Builder#livelockSteps}).
     * Tasks that only wake each other for that long are almost always livelocked, and the check
     * ends such a run in milliseconds, where the step limit would take a million polls.
     */
    public static final long DEFAULT_LIVELOCK_STEPS = 10_000;
    /** Default shrink budget. */
    public static final Duration DEFAULT_SHRINK_TIME = Duration.ofSeconds(10);

    private final String name;
    private final Scenario scenario;
    private int runs = DEFAULT_RUNS;
    private long seed;
    private String replay;
    private long maxSteps = DEFAULT_MAX_STEPS;
    private Duration maxVirtualTime = Duration.ofNanos(Long.MAX_VALUE);
    private long livelockSteps = DEFAULT_LIVELOCK_STEPS;
    private Duration shrinkTime = DEFAULT_SHRINK_TIME;
    private int parallelism = 1;
    private Shard shard = Shard.ALL;
    private int determinismSample;
    private int traceTail = 20;
    private Consumer<Simulation.Builder> customiser = b -> {};
    private Path storeFile;
    private Consumer<String> warnings = System.err::println;
    private LongSupplier nanoClock = System::nanoTime; // real time: shrink budget and elapsed times only

    private Property(String name, Scenario scenario) {
        this.name = Objects.requireNonNull(name, "name");
        this.scenario = Objects.requireNonNull(scenario, "scenario");
        this.seed = RunSeeds.fromName(name);
    }

    /** A property named {@code name} (the default seed derives from it) over {@code scenario}. */
    public static Property of(String name, Scenario scenario) {
        return new Property(name, scenario);
    }

    /** A property over a scenario that does not need the run index. */
    public static Property of(String name, Consumer<Simulation> scenario) {
        Objects.requireNonNull(scenario, "scenario");
        return new Property(name, Scenario.of(scenario));
    }

    /** Seeded runs in all, over all shards (default 100). */
    public Property runs(int runs) {
        this.runs = runs;
        return this;
    }

    /** The base seed (default: {@link RunSeeds#fromName} of the name). */
    public Property seed(long seed) {
        this.seed = seed;
        return this;
    }

    /** Runs only this replay string ({@code null}: seeded runs as usual). */
    public Property replay(String replay) {
        this.replay = replay;
        return this;
    }

    /** The step limit of each run (default 1,000,000). */
    public Property maxSteps(long maxSteps) {
        this.maxSteps = maxSteps;
        return this;
    }

    /** The virtual time limit of each run (default none). */
    public Property maxVirtualTime(Duration maxVirtualTime) {
        this.maxVirtualTime = maxVirtualTime;
        return this;
    }

    /** The livelock window of each run in polls (default {@value #DEFAULT_LIVELOCK_STEPS}; 0: off). */
    public Property livelockSteps(long steps) {
        this.livelockSteps = steps;
        return this;
    }

    /** The real-time budget of a shrink (default 10 s). */
    public Property shrinkTime(Duration shrinkTime) {
        this.shrinkTime = shrinkTime;
        return this;
    }

    /** How many seeded runs may execute at once, each on its own thread (default 1). */
    public Property parallelism(int parallelism) {
        this.parallelism = parallelism;
        return this;
    }

    /** The part of the run space to run (default all). */
    public Property shard(Shard shard) {
        this.shard = shard;
        return this;
    }

    /** Re-run {@code sample} seeded runs, evenly spread, and fail if a trace differs (default 0: off). */
    public Property checkDeterminism(int sample) {
        this.determinismSample = sample;
        return this;
    }

    /** Trace events shown in a report (default 20). */
    public Property traceTail(int events) {
        this.traceTail = events;
        return this;
    }

    /**
     * Adds {@code step} to the configuration of every run's simulation builder, after the
     * property's limits and before the run's choice source: a fault plan, a larger trace, services.
     * It is called on the thread of each run, so with {@link #parallelism} above one it must be
     * safe to call from several threads at once.
     */
    public Property customise(Consumer<Simulation.Builder> step) {
        Objects.requireNonNull(step, "step");
        this.customiser = this.customiser.andThen(step);
        return this;
    }

    /**
     * Keep failures in a {@link FailureStore} in {@code file} and re-run them first ({@code null}:
     * no store, the default). Its warnings go to {@link #warnings} and into the result.
     */
    public Property store(Path file) {
        this.storeFile = file;
        return this;
    }

    /** Where warnings go (default standard error). */
    public Property warnings(Consumer<String> sink) {
        this.warnings = Objects.requireNonNull(sink, "sink");
        return this;
    }

    /** Applies CI overrides ({@code LOCKSTEP_RUNS}, ...) on top of the settings so far. */
    public Property apply(Overrides overrides) {
        overrides.applyTo(this);
        return this;
    }

    /** The real-time clock of shrink budgets and elapsed times; for tests of the budget. */
    Property nanoClock(LongSupplier clock) {
        this.nanoClock = Objects.requireNonNull(clock, "clock");
        return this;
    }

    /** The settings as they are now. */
    public PropertySettings settings() {
        return new PropertySettings(name, runs, seed, replay, maxSteps, maxVirtualTime, livelockSteps, shrinkTime,
                parallelism,
                shard, determinismSample, traceTail, customiser);
    }

    /**
     * Checks the property.
     *
     * @return the result; {@link PropertyResult#assertPassed()} turns a failure into a
     *         {@link LockstepFailure}
     * @throws IllegalArgumentException if a setting is invalid (a negative count, a malformed
     *     replay string ...), naming it; settings are checked here, not by their setters
     * @throws NullPointerException     if a duration or the shard was set to {@code null}
     */
    public PropertyResult check() {
        return new Engine(scenario, settings(), storeFile, warnings, nanoClock).check();
    }

    /** {@link #check()}, then {@link PropertyResult#assertPassed()}. */
    public PropertyResult assertHolds() {
        PropertyResult r = check();
        r.assertPassed();
        return r;
    }
}
