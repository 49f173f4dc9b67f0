package dev.lockstep.runtime;

import dev.lockstep.choice.Choices;
import dev.lockstep.choice.ReplaySetup;
import dev.lockstep.fault.FaultKind;
import dev.lockstep.fault.FaultPlan;
import dev.lockstep.schedule.Scheduler;

/**
 * The setup a simulation runs with: the builder's settings, overridden by the setup a version-2
 * replay string carries, and the {@link ReplaySetup} the run's own replay string will carry.
 *
 * <h2>Which wins</h2>
 * The string's setup wins over the builder's defaults: a string alone reproduces its run. A
 * setting the builder was given explicitly must agree with the string, or the build fails naming
 * both. Agreeing is being equal, or for the fault plan and the scheduler being a shrink of the
 * builder's (what a shrunk failure of that test carries):
 * <ul>
 *   <li>fault plan: the builder's is {@code swarm()} (any drawn plan), or every fault of the string
 *       is on in the builder's plan at a probability at least as high, and the string's
 *       {@code max-wake-delay} is at most the builder's;
 *   <li>scheduler: equal, or both PCT with the same {@code estimatedSteps} and a depth no higher.
 * </ul>
 *
 * @param faults         the plan to inject (for a swarm builder without a string: still swarm, drawn later)
 * @param scheduler      the scheduler
 * @param maxSteps       the step limit
 * @param maxVirtualTime the virtual time limit in nanoseconds
 * @param livelockSteps  the livelock check's window, 0 for off
 * @param fromString     whether a version-2 setup was applied
 */
record RunSetup(FaultPlan faults, Scheduler scheduler, long maxSteps, long maxVirtualTime, long livelockSteps,
        boolean fromString) {

    /** The builder's defaults, which a run's setup leaves out of its string. */
    static final long DEFAULT_MAX_STEPS = 10_000_000L;

    /** Resolves the builder's settings against the string's {@code given} setup. */
    static RunSetup resolve(Simulation.Builder b, ReplaySetup given, String replayForErrors) {
        if (given.isEmpty()) {
            return new RunSetup(b.faultPlan(), b.schedulerSetting(), b.maxStepsSetting(), b.maxVirtualTimeSetting(),
                    b.livelockStepsSetting(), false);
        }
        FaultPlan faults = given.faults() == null ? FaultPlan.none() : parse("fault plan", given.faults(),
                FaultPlan::parse, replayForErrors);
        if (faults.isSwarm()) {
            throw new IllegalArgumentException("replay string " + shorten(replayForErrors)
                    + " carries faults[swarm]; a replay carries the plan a swarm run drew, never swarm itself");
        }
        Scheduler scheduler = given.scheduler() == null ? Scheduler.uniform() : parse("scheduler", given.scheduler(),
                Scheduler::parse, replayForErrors);
        if (b.faultsExplicit() && !planAllows(b.faultPlan(), faults)) {
            throw conflict("fault plan", b.faultPlan().toString(), faults.toString(), ".faults(...)", replayForErrors);
        }
        if (b.schedulerExplicit() && !schedulerAllows(b.schedulerSetting(), scheduler)) {
            throw conflict("scheduler", b.schedulerSetting().toString(), scheduler.toString(), ".scheduler(...)",
                    replayForErrors);
        }
        long maxSteps = pick("maxSteps", b.maxStepsExplicit(), b.maxStepsSetting(), given.maxSteps(), replayForErrors);
        long maxTime = pick("maxVirtualTime", b.maxVirtualTimeExplicit(), b.maxVirtualTimeSetting(),
                given.maxVirtualTime(), replayForErrors);
        long livelock = pick("livelockSteps", b.livelockStepsExplicit(), b.livelockStepsSetting(),
                given.livelockSteps(), replayForErrors);
        return new RunSetup(faults, scheduler, maxSteps, maxTime, livelock, true);
    }

    /** What this run's replay string carries, with {@code drawn} the plan the run actually used. */
    ReplaySetup toReplaySetup(FaultPlan drawn) {
        String plan = drawn.isNone() ? null : drawn.toString();
        String sched = scheduler instanceof Scheduler.Uniform ? null : scheduler.toString();
        return new ReplaySetup(plan, sched, maxSteps == DEFAULT_MAX_STEPS ? ReplaySetup.UNSET : maxSteps,
                maxVirtualTime == Long.MAX_VALUE ? ReplaySetup.UNSET : maxVirtualTime,
                livelockSteps == 0 ? ReplaySetup.UNSET : livelockSteps);
    }

    /** Whether the string's plan {@code given} is the builder's {@code plan} or a shrink of it. */
    static boolean planAllows(FaultPlan plan, FaultPlan given) {
        if (plan.isSwarm()) {
            return true;
        }
        for (FaultKind k : given.probabilities().keySet()) {
            if (plan.probability(k) < given.probability(k)) {
                return false;
            }
        }
        boolean delays = given.enabled(FaultKind.DELAY_WAKE) || given.enabled(FaultKind.DUPLICATE_WAKE);
        return !delays || given.maxWakeDelay() <= plan.maxWakeDelay();
    }

    /** Whether the string's scheduler {@code given} is the builder's {@code scheduler} or a shrink of it. */
    static boolean schedulerAllows(Scheduler scheduler, Scheduler given) {
        if (scheduler.equals(given)) {
            return true;
        }
        return scheduler instanceof Scheduler.Pct p && given instanceof Scheduler.Pct g
                && g.estimatedSteps() == p.estimatedSteps() && g.depth() <= p.depth();
    }

    private static long pick(String what, boolean explicit, long builder, long given, String replay) {
        if (given == ReplaySetup.UNSET) {
            return builder;
        }
        if (explicit && builder != given) {
            throw conflict(what, Long.toString(builder), Long.toString(given), "." + what + "(...)", replay);
        }
        return given;
    }

    private static <T> T parse(String what, String text, java.util.function.Function<String, T> parser, String replay) {
        try {
            return parser.apply(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("replay string " + shorten(replay) + " carries a " + what
                    + " this Lockstep cannot read: " + e.getMessage(), e);
        }
    }

    private static IllegalArgumentException conflict(String what, String builder, String given, String call,
            String replay) {
        return new IllegalArgumentException("replay string " + shorten(replay) + " was recorded with " + what + " "
                + given + ", but this simulation is configured with " + builder + "; the string carries its own"
                + " setup, so drop the explicit " + call + " (or give a string recorded with that " + what + ")");
    }

    private static String shorten(String replay) {
        String s = Choices.escape(replay);
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }

}
