package dev.lockstep.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A JUnit 5 test checked over many simulated runs: the method takes a
 * {@link dev.lockstep.runtime.Simulation} (and optionally an {@code int}, the run index) and is
 * called once per run with a fresh simulation.
 *
 * <pre>{@code
 * @SimTest(runs = 1000)
 * void messagesArriveOnce(Simulation sim) {
 *     int n = (int) sim.choices().between(1, 20);     // data shrinks with the schedule
 *     ...
 *     sim.blockOn(...);
 *     assertEquals(n, received.size());
 * }
 * }</pre>
 *
 * <h2>Execution</h2>
 * One JUnit test execution runs the whole property (see {@link dev.lockstep.property.Property}):
 * failures from the failure store first, then the seeded runs; the first failing run (lowest run
 * index) is shrunk and the test fails with a {@link dev.lockstep.property.LockstepFailure} whose
 * message is the report and whose cause is the original exception. {@code @BeforeEach} and
 * {@code @AfterEach} run once around all runs, and all runs share the test instance: keep per-run
 * state inside the method. Data for the test comes from {@code sim.choices()} ({@code between},
 * {@code chance}, {@code pick}), never from {@code Random} or the clock.
 *
 * <h2>Overrides</h2>
 * Five attributes can be overridden from outside, a system property (or JUnit configuration
 * parameter) winning over an environment variable, both winning over the attribute:
 * {@code lockstep.runs} / {@code LOCKSTEP_RUNS},
 * {@code lockstep.seed} / {@code LOCKSTEP_SEED}, {@code lockstep.replay} / {@code LOCKSTEP_REPLAY},
 * {@code lockstep.shrinkTime} / {@code LOCKSTEP_SHRINK_TIME}, {@code lockstep.parallelism} /
 * {@code LOCKSTEP_PARALLELISM}; and without attributes: {@code LOCKSTEP_SHARD=i/n},
 * {@code LOCKSTEP_CHECK_DETERMINISM}, {@code LOCKSTEP_STORE} (see
 * {@link dev.lockstep.property.Overrides}). The other attributes ({@code maxSteps},
 * {@code livelockSteps}, {@code maxVirtualTime}, {@code timeLimit}, {@code faults}, {@code scheduler},
 * {@code escapes}, {@code pollTimeout}, {@code search}, {@code maxPreemptions}) are read from the
 * annotation only; a replay string carries its own fault plan, scheduler and limits. The
 * configuration parameter
 * {@code lockstep.ignoreEnvironment=true} makes the extension ignore environment variables.
 *
 * <h2>Failure store</h2>
 * A failing test's shrunk replay string is saved in
 * {@code target/lockstep/<fully qualified class>/<method>-<hash>.txt} (the hash tells overloads
 * and non-ASCII names apart; see {@code FailureStore.defaultFile}) and re-run first next time,
 * until the test passes again.
 */
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Test
@ExtendWith(SimTestExtension.class)
public @interface SimTest {

    /** The value of {@link #seed()} meaning "derive the seed from the class and method name". */
    long SEED_FROM_NAME = Long.MIN_VALUE;

    /** Seeded runs (over all shards). */
    int runs() default 100;

    /**
     * The base seed; run {@code i} uses {@code RunSeeds.of(seed, i)}. By default a stable hash of
     * the fully qualified class name and method name, the same on every machine.
     */
    long seed() default SEED_FROM_NAME;

    /**
     * A replay string ({@code lockstep:2:...}, or an older {@code lockstep:1:...}), or
     * {@code @path} to a file holding one: run only it. A version-2 string carries its fault plan,
     * scheduler and limits; they must agree with this annotation's (a shrunk string's plan may
     * have fewer faults). Empty: seeded runs.
     */
    String replay() default "";

    /**
     * The step limit of each run: 1,000,000 polls, ten times below a bare simulation's. A run that
     * needs more cannot be shrunk or read in a report; raise it for a test that is just long.
     */
    long maxSteps() default 1_000_000;

    /**
     * The livelock window of each run: after this many polls in a row with no progress (no
     * spawn, no finish, no clock move, no wake from outside the tasks) the run fails as a
     * {@code LivelockException} naming the tasks. 10,000 by default ({@code Property.DEFAULT_LIVELOCK_STEPS}),
     * which ends a livelock in milliseconds; 0 switches the check off.
     */
    long livelockSteps() default 10_000;

    /**
     * The virtual time limit of each run: a whole number and a unit ({@code "10m"}, {@code "30s"},
     * {@code "500ms"}; {@code ns us ms s m h d}), a bare number of milliseconds, or ISO-8601
     * ({@code "PT10M"}). Empty: no limit.
     */
    String maxVirtualTime() default "";

    /**
     * The same limit as {@link #maxVirtualTime()}, under the name of madsim's {@code time_limit}: a
     * run whose virtual time would pass it fails with a {@code StepLimitException}. Set one of the
     * two; setting both to different limits is a configuration error. Empty: no limit.
     */
    String timeLimit() default "";

    /** The real-time budget for shrinking a failure, in the same form as {@link #maxVirtualTime()}. */
    String shrinkTime() default "10s";

    /** How many runs may execute at once, each on its own thread. */
    int parallelism() default 1;

    /**
     * The fault plan of every run, in the form {@code FaultPlan.parse} reads: {@code "none"}
     * (the default), {@code "swarm"} (each run draws its own plan, printed with a failure), or
     * {@code "spurious-poll=0.2, delay-wake=0.05"}. A failure's replay string carries the plan
     * the run used (a swarm run's drawn plan), so it replays under this attribute or without it.
     */
    String faults() default "none";

    /**
     * How each run picks the next task: {@code "uniform"} (the default) or {@code "pct(d, steps)"}
     * (PCT with depth {@code d} over about {@code steps} scheduling decisions), as
     * {@code Scheduler.parse} reads it.
     */
    String scheduler() default "uniform";

    /**
     * What a run does with code that reaches outside the simulation (real time, randomness, thread
     * pools, threads, blocking): {@code "virtualize"} (the default), {@code "report"} or
     * {@code "allow"}, as {@code EscapePolicy} describes. Takes effect where
     * {@code dev.lockstep:sim-agent} rewrote the call sites (docs/outside-world.md).
     */
    String escapes() default "virtualize";

    /**
     * The real time one poll may take before the watchdog reports it, in the form of
     * {@link #maxVirtualTime()}; {@code "off"} turns the watchdog off. On by default at 10 s: a poll
     * that blocks (a {@code join()}, a {@code Thread.sleep}, a lock) fails the test with the task,
     * its stack and the blocking frame instead of hanging the build, even when the blocked thread
     * cannot be freed (the run is then abandoned on its daemon thread).
     */
    String pollTimeout() default "10s";

    /**
     * How the runs are chosen: {@code "random"} (the default: {@link #runs()} seeded runs) or
     * {@code "dfs"}, a bounded exhaustive search that runs every schedule with at most
     * {@link #maxPreemptions()} preemptions once (and every value of the test's own draws), at
     * most {@link #runs()} of them, and reports {@code checked all N schedules with <= k
     * preemptions} or the first failure, found at the fewest preemptions, with its replay string
     * (replay it with {@code replay} and {@code scheduler = "dfs(k)"}). The preemption bound is the
     * only reduction (no sleep sets, no DPOR). {@link #seed()}, {@link #scheduler()} and
     * {@link #parallelism()} do not apply to a search.
     */
    String search() default "random";

    /** The preemption bound of {@code search = "dfs"}. */
    int maxPreemptions() default 2;
}
