package dev.lockstep.contract;

import dev.lockstep.choice.Choices;
import dev.lockstep.fault.FaultKind;
import dev.lockstep.fault.FaultPlan;
import dev.lockstep.future.Future;
import dev.lockstep.runtime.Simulation;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Checks that a future keeps the poll contract of {@link Future}: drives fresh instances of it
 * through many simulated runs under every fault the executor can inject, and names each way it
 * broke the contract.
 *
 * <h2>Runs</h2>
 * For each fault plan ({@link #defaultPlans()} unless {@link #faults} says otherwise), {@link #runs}
 * runs. Each run builds a {@link Simulation} with the plan, makes a fresh future from the factory,
 * spawns it as a task named {@link #name} and awaits it. In 40% of the runs (a drawn choice) the
 * task is aborted right after the future's first {@code Pending} (half of those runs), second or
 * third, which cancels the future, and the checker then looks for what is still registered. The
 * other runs, and those in which the future completes first, run to completion, and the value is
 * checked against {@link #expect} or {@link #expectThat}.
 *
 * <h2>Returns</h2>
 * A {@link ContractReport}: per plan, runs made and violating runs by kind; per kind of
 * {@link ViolationKind} found, one {@link Violation} with the smallest run that shows it (its replay
 * string, shrunk, and the end of its trace), what was observed, and the rule and usual fix.
 *
 * <h2>What the future may do</h2>
 * The factory may build the future from the run's simulation: spawn the tasks that feed it (a
 * sender, a server), install services, set timers. Everything must be driven from the
 * simulation's thread and its choices: a future completed from a real thread cannot be checked.
 * A future that fails by design should return its failure as a value: an exception is a
 * {@code PANIC}. The factory is called once per run and must return a new future every time (and
 * new state around it): a future handed out twice is rejected.
 *
 * <h2>Determinism</h2>
 * The runs, and so the report, depend only on the seed, the plans, the factory and the expectation,
 * except where a shrink runs out of {@link #shrinkTime}. A violation's replay string reruns its run
 * with {@code .faults(plan).replay(string)}.
 *
 * <h2>Errors</h2>
 * {@link #check()} throws {@link IllegalStateException} when a run cannot be judged: the factory
 * returned {@code null}, the same future as for the run before, or threw, the expectation threw, or a real thread reached into the
 * simulation ({@code NondeterminismException} as the cause). The setters reject invalid values with
 * {@link IllegalArgumentException}.
 *
 * <h2>Threads</h2>
 * A builder: configure it on one thread; {@code check()} runs every simulation on the calling thread
 * and may be called again.
 *
 * <h2>Example</h2>
 * <pre>{@code
 * FutureContract.of(() -> mailbox.recv())          // a fresh future per run
 *         .expect("hello")
 *         .assertHolds();                           // AssertionError with the report if broken
 *
 * FutureContract.of(sim -> {                        // or built with the run's simulation:
 *             Channel<String> ch = new Channel<>(); // spawn what feeds it
 *             sim.spawn("sender", sendLater(ch, "hello"));
 *             return ch.recv();
 *         })
 *         .expect("hello")
 *         .check();                                 // the ContractReport, to inspect
 * }</pre>
 *
 * @param <T> the future's value type
 */
public final class FutureContract<T> {
    /** Default runs per plan. */
    public static final int DEFAULT_RUNS = 200;
    /** Default step limit of a run: a future that is still busy after it is a {@code BUSY_WAKE}. */
    public static final long DEFAULT_MAX_STEPS = 20_000;
    /** Default bound on consecutive self-wakes without progress. */
    public static final int DEFAULT_MAX_SELF_WAKES = 1_000;
    /** Default real-time budget of each shrink. */
    public static final Duration DEFAULT_SHRINK_TIME = Duration.ofSeconds(2);

    private final Function<? super Simulation, ? extends Future<T>> factory;
    private Expectation<T> expectation = Expectation.any();
    private int runs = DEFAULT_RUNS;
    private long seed;
    private List<FaultPlan> plans = defaultPlans();
    private String replay;
    private String name = "subject";
    private long maxSteps = DEFAULT_MAX_STEPS;
    private int maxSelfWakes = DEFAULT_MAX_SELF_WAKES;
    private Duration shrinkTime = DEFAULT_SHRINK_TIME;

    private FutureContract(Function<? super Simulation, ? extends Future<T>> factory) {
        this.factory = factory;
    }

    /** A check of the futures {@code future} makes: it is called once per run, and must return a new one. */
    public static <T> FutureContract<T> of(Supplier<? extends Future<T>> future) {
        Objects.requireNonNull(future, "future");
        return new FutureContract<>(sim -> future.get());
    }

    /**
     * A check of the futures {@code future} makes from each run's simulation, which it may use to
     * spawn the tasks that feed the future (a sender, a server), install services or set timers.
     */
    public static <T> FutureContract<T> of(Function<? super Simulation, ? extends Future<T>> future) {
        return new FutureContract<>(Objects.requireNonNull(future, "future"));
    }

    /**
     * The plans a check runs by default, in order: no faults (the uniform scheduler alone); each
     * executor fault of {@link FaultKind} from {@code REORDER} to {@code BUGGIFY} on its own at 0.5
     * ({@code fresh-waker} with {@code spurious-poll} at 0.3, so that the future is polled again
     * while it waits and a kept waker goes stale); then {@link FaultPlan#swarm()}, where each run
     * draws its own mix (the timer faults {@code timer-slack} and {@code defer-timer} among them).
     */
    public static List<FaultPlan> defaultPlans() {
        return List.of(
                FaultPlan.none(),
                FaultPlan.only(FaultKind.REORDER, 0.5),
                FaultPlan.only(FaultKind.SPURIOUS_POLL, 0.5),
                FaultPlan.only(FaultKind.DUPLICATE_WAKE, 0.5),
                FaultPlan.only(FaultKind.DELAY_WAKE, 0.5),
                FaultPlan.only(FaultKind.FRESH_WAKER, 0.5).with(FaultKind.SPURIOUS_POLL, 0.3),
                FaultPlan.only(FaultKind.POLL_AFTER_READY, 0.5),
                FaultPlan.only(FaultKind.RELOCATE, 0.5),
                FaultPlan.only(FaultKind.BUGGIFY, 0.5),
                FaultPlan.swarm());
    }

    /** The value must equal {@code value} ({@link Objects#equals}; {@code null} allowed). */
    public FutureContract<T> expect(T value) {
        this.expectation = Expectation.equalTo(value);
        return this;
    }

    /** The value must satisfy {@code condition}; reports print it as "matching a predicate". */
    public FutureContract<T> expectThat(Predicate<? super T> condition) {
        return expectThat("a predicate", condition);
    }

    /** The value must satisfy {@code condition}; reports print it as "matching {@code description}". */
    public FutureContract<T> expectThat(String description, Predicate<? super T> condition) {
        Objects.requireNonNull(description, "description");
        this.expectation = new Expectation<>("matching " + description, Objects.requireNonNull(condition, "condition"));
        return this;
    }

    /** Runs per fault plan (default {@value #DEFAULT_RUNS}). */
    public FutureContract<T> runs(int runs) {
        if (runs < 1) {
            throw new IllegalArgumentException("runs must be >= 1, got " + runs);
        }
        this.runs = runs;
        return this;
    }

    /** The base seed of the runs (default 0). */
    public FutureContract<T> seed(long seed) {
        this.seed = seed;
        return this;
    }

    /** The fault plans to run under, in order, instead of {@link #defaultPlans()}. */
    public FutureContract<T> faults(FaultPlan... plans) {
        Objects.requireNonNull(plans, "plans");
        if (plans.length == 0) {
            throw new IllegalArgumentException("faults(..) needs at least one plan; FaultPlan.none() runs without faults");
        }
        this.plans = List.of(plans);
        return this;
    }

    /**
     * Runs only this replay string (a violation's {@link Witness#replay()}), once under each plan,
     * unshrunk; {@code null} goes back to seeded runs.
     *
     * @throws IllegalArgumentException if the string is malformed, saying how
     */
    public FutureContract<T> replay(String replay) {
        if (replay != null) {
            Choices.parse(replay);
        }
        this.replay = replay;
        return this;
    }

    /** The name of the future's task in traces and reports (default {@code "subject"}). */
    public FutureContract<T> name(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("name must not be blank");
        }
        this.name = name;
        return this;
    }

    /** The step limit of each run (default {@value #DEFAULT_MAX_STEPS}); reaching it is a {@code BUSY_WAKE}. */
    public FutureContract<T> maxSteps(long maxSteps) {
        if (maxSteps < 1) {
            throw new IllegalArgumentException("maxSteps must be >= 1, got " + maxSteps);
        }
        this.maxSteps = maxSteps;
        return this;
    }

    /**
     * The most consecutive polls in which the future may wake itself and return {@code Pending}
     * with no timer firing and the clock standing still (default {@value #DEFAULT_MAX_SELF_WAKES});
     * more is a {@code BUSY_WAKE}.
     */
    public FutureContract<T> maxSelfWakes(int maxSelfWakes) {
        if (maxSelfWakes < 1) {
            throw new IllegalArgumentException("maxSelfWakes must be >= 1, got " + maxSelfWakes);
        }
        this.maxSelfWakes = maxSelfWakes;
        return this;
    }

    /** The real-time budget of each shrink (default 2 s). */
    public FutureContract<T> shrinkTime(Duration shrinkTime) {
        Objects.requireNonNull(shrinkTime, "shrinkTime");
        if (shrinkTime.isNegative()) {
            throw new IllegalArgumentException("shrinkTime must not be negative, got " + shrinkTime);
        }
        this.shrinkTime = shrinkTime;
        return this;
    }

    /**
     * Runs the check.
     *
     * @throws IllegalStateException if a run cannot be judged (see Errors)
     */
    public ContractReport check() {
        Settings settings = new Settings(name, runs, seed, plans, replay, maxSteps, shrinkTime);
        // Real time only measures how long the check took, as Property does for its reports.
        return new ContractEngine<>(new ContractRun<>(factory, name, expectation, maxSelfWakes), settings,
                System::nanoTime).check();
    }

    /**
     * {@link #check()}, then {@link ContractReport#assertPassed()}.
     *
     * @throws AssertionError with the report, if any violation was found
     */
    public ContractReport assertHolds() {
        ContractReport report = check();
        report.assertPassed();
        return report;
    }

    /** The settings of one check, read once at its start. */
    record Settings(String name, int runs, long seed, List<FaultPlan> plans, String replay, long maxSteps,
            Duration shrinkTime) {
        Settings {
            plans = List.copyOf(plans);
        }
    }
}
