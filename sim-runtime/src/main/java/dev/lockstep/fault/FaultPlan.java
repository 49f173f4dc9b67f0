package dev.lockstep.fault;

import dev.lockstep.choice.ChoiceSource;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Which faults a simulation injects, each with its probability (see {@link FaultKind} for what
 * each one does). Immutable; build one with the factories and withers:
 *
 * <pre>{@code
 * Simulation.builder().seed(7).faults(FaultPlan.none().with(FaultKind.SPURIOUS_POLL, 0.2)).build();
 * Simulation.builder().seed(7).faults(FaultPlan.swarm()).build();   // each run draws its own plan
 * }</pre>
 *
 * <h2>Probabilities</h2>
 * A probability applies at each opportunity for that fault: per scheduling decision
 * ({@code reorder}), per scheduling step and per idle moment ({@code spurious-poll}), per wake
 * ({@code duplicate-wake}, {@code delay-wake}), per poll ({@code fresh-waker}, {@code relocate}),
 * per task whose {@code FusedFuture} completes ({@code poll-after-ready}), per site and per call ({@code buggify}),
 * per jump of the clock to the next timer ({@code timer-slack}), per due timer while tasks are
 * runnable ({@code defer-timer}). A fault with probability 0 is off and draws nothing.
 *
 * <h2>Determinism</h2>
 * Every fault is drawn from the run's {@link ChoiceSource} (a recorded 0 means "no fault"), so a
 * faulty run replays from its replay string and shrinks towards fewer faults. With every fault
 * off ({@link #none()}, the default) the executor draws exactly what it draws without a plan:
 * the trace is identical.
 *
 * <h2>Swarm</h2>
 * {@link #swarm()} is not a plan but an instruction: each run draws its own plan from its choices
 * before anything else, so different runs stress different faults: a share of
 * {@link #SWARM_PLAIN_SHARE} of the runs draws the plain plan ({@link #none()}), so swarm finds
 * what the plain executor finds at nearly its rate; each other run switches each fault on with
 * probability 1/2, at a probability from {@link #SWARM_LEVELS} ({@link #SWARM_NETWORK_LEVELS} for a
 * network fault). The drawn plan is
 * {@link Simulation#faultPlan()}, printed with every failure of the run. The run's replay string
 * carries the drawn plan itself, not the draws, so it replays with or without {@code swarm()} on
 * the builder; the printed plan is also for hunting further with that plan alone.
 *
 * <h2>Text form</h2>
 * {@link #toString()} prints {@code faults[none]}, {@code faults[swarm]} or the enabled faults in
 * declaration order, {@code faults[spurious-poll=0.2, delay-wake=0.05, max-wake-delay=4]}
 * ({@code max-wake-delay} is printed only when {@code delay-wake} or {@code duplicate-wake} is on,
 * {@code max-timer-slack=1000us} only when {@code timer-slack} is on); {@link #parse} reads that
 * form back. A setting that is not printed does not act, so the plan read back injects exactly
 * what the printed one does; it equals it when such a setting is at its default.
 *
 * @param probabilities the enabled faults and their probabilities in {@code (0, 1]}; faults
 *                      given with probability 0 are dropped
 * @param maxWakeDelay  the most steps a {@code delay-wake} holds a wake, and a
 *                      {@code duplicate-wake} waits before its second delivery; at least 1
 * @param isSwarm       whether each run draws its own plan; then {@code probabilities} is empty
 * @param maxTimerSlackNanos the widest window of a {@code timer-slack} fault, in virtual
 *                      nanoseconds; at least 1
 */
public record FaultPlan(Map<FaultKind, Double> probabilities, int maxWakeDelay, boolean isSwarm,
        long maxTimerSlackNanos) {
    /** The default {@link #maxWakeDelay()}. */
    public static final int DEFAULT_MAX_WAKE_DELAY = 4;
    /** The probabilities a swarm run picks from for each fault it switches on (index 0 first). */
    public static final List<Double> SWARM_LEVELS = List.of(0.05, 0.2, 0.5);
    /**
     * The probabilities a swarm run picks from for each network fault it switches on (index 0
     * first), in place of {@link #SWARM_LEVELS}: a network fault's probability applies per slot,
     * so these make 1, 2 or 3 of the {@link #NETWORK_SLOTS} slots happen on average, where 0.05
     * made a partition in one run of seven. The draws are those of {@link #SWARM_LEVELS}.
     */
    public static final List<Double> SWARM_NETWORK_LEVELS = List.of(0.34, 0.67, 1.0);

    /** The largest {@code max-wake-delay} a swarm run draws. */
    static final int SWARM_MAX_WAKE_DELAY = 8;
    /**
     * The default {@link #maxTimerSlackNanos()}: 1 ms, the tick of a coarse timer wheel (tokio's,
     * Netty's {@code HashedWheelTimer} at its finest).
     */
    public static final long DEFAULT_MAX_TIMER_SLACK_NANOS = 1_000_000L;
    /**
     * The share of swarm runs that draw the plain plan, {@link #none()}: 4/5. The other runs
     * switch faults on. A bug the plain executor finds with probability {@code q} per run is then
     * found by swarm with probability at least {@code 0.8 q}: in at most 1.25 times the plain
     * run's expected runs, and sooner wherever the drawn faults help (measured in
     * {@code SwarmAgainstPlainTest}; see docs/faults.md). The price is paid by bugs only faults
     * reveal, which swarm finds in the remaining fifth of its runs.
     */
    public static final double SWARM_PLAIN_SHARE = 0.8;

    /** Network faults start within this many ms of virtual time from the start of the run. */
    public static final int NETWORK_HORIZON_MS = 100;
    /** The longest a partition, a crashed host's downtime or a link fault lasts by default, in ms (half the horizon). */
    public static final int NETWORK_LONGEST_MS = 50;
    /** The most extra latency of a {@code latency-spike}, in ms. */
    public static final int NETWORK_SPIKE_MS = 20;
    /** How many times each network fault may happen in a run (each is a draw of its probability). */
    public static final int NETWORK_SLOTS = 3;

    private static final FaultPlan NONE = new FaultPlan(Map.of(), DEFAULT_MAX_WAKE_DELAY, false);

    /** A plan with the default {@link #maxTimerSlackNanos()}. */
    public FaultPlan(Map<FaultKind, Double> probabilities, int maxWakeDelay, boolean isSwarm) {
        this(probabilities, maxWakeDelay, isSwarm, DEFAULT_MAX_TIMER_SLACK_NANOS);
    }

    public FaultPlan {
        Objects.requireNonNull(probabilities, "probabilities");
        EnumMap<FaultKind, Double> copy = new EnumMap<>(FaultKind.class);
        for (Map.Entry<FaultKind, Double> e : probabilities.entrySet()) {
            FaultKind kind = Objects.requireNonNull(e.getKey(), "a fault kind is null");
            double p = Objects.requireNonNull(e.getValue(), "probability of " + kind.key() + " is null");
            checkProbability(kind, p);
            if (p > 0) {
                copy.put(kind, p);
            }
        }
        if (maxWakeDelay < 1) {
            throw new IllegalArgumentException("maxWakeDelay must be >= 1 step, got " + maxWakeDelay);
        }
        if (maxTimerSlackNanos < 1) {
            throw new IllegalArgumentException("maxTimerSlack must be >= 1 ns, got " + maxTimerSlackNanos);
        }
        if (isSwarm && !copy.isEmpty()) {
            throw new IllegalArgumentException("a swarm plan draws its faults per run; it cannot also fix " + copy);
        }
        probabilities = Collections.unmodifiableMap(copy);
    }

    /** No faults: the plain executor. The default. */
    public static FaultPlan none() {
        return NONE;
    }

    /** Every fault at probability {@code p}. */
    public static FaultPlan all(double p) {
        FaultPlan plan = NONE;
        for (FaultKind k : FaultKind.values()) {
            plan = plan.with(k, p);
        }
        return plan;
    }

    /** Only {@code kind}, at probability {@code p}. */
    public static FaultPlan only(FaultKind kind, double p) {
        return NONE.with(kind, p);
    }

    /** Each run draws its own plan from its choices (see the class documentation). */
    public static FaultPlan swarm() {
        return new FaultPlan(Map.of(), DEFAULT_MAX_WAKE_DELAY, true, DEFAULT_MAX_TIMER_SLACK_NANOS);
    }

    /**
     * This plan with {@code kind} at probability {@code p} (0 switches it off).
     *
     * @throws IllegalArgumentException if {@code p} is not in {@code [0, 1]}
     * @throws IllegalStateException    on a swarm plan
     */
    public FaultPlan with(FaultKind kind, double p) {
        Objects.requireNonNull(kind, "kind");
        checkProbability(kind, p);
        if (isSwarm) {
            throw new IllegalStateException("FaultPlan.swarm() draws its faults per run; start from none() to fix them");
        }
        EnumMap<FaultKind, Double> next = new EnumMap<>(FaultKind.class);
        next.putAll(probabilities);
        next.put(kind, p);
        return new FaultPlan(next, maxWakeDelay, false, maxTimerSlackNanos);
    }

    /** This plan with {@code kind} off. */
    public FaultPlan without(FaultKind kind) {
        return with(kind, 0.0);
    }

    /**
     * This plan with another {@link #maxWakeDelay()}.
     *
     * @throws IllegalArgumentException if {@code steps < 1}
     * @throws IllegalStateException    on a swarm plan (each swarm run draws its own)
     */
    public FaultPlan withMaxWakeDelay(int steps) {
        checkNotSwarm("max-wake-delay");
        return new FaultPlan(probabilities, steps, isSwarm, maxTimerSlackNanos);
    }

    /**
     * This plan with another {@link #maxTimerSlackNanos()}: the widest {@code timer-slack} window.
     *
     * @throws NullPointerException     if {@code window} is null
     * @throws IllegalArgumentException if {@code window} is under 1 ns or does not fit in a
     *                                  {@code long} of nanoseconds
     * @throws IllegalStateException    on a swarm plan (its runs use the default window)
     */
    public FaultPlan withMaxTimerSlack(java.time.Duration window) {
        Objects.requireNonNull(window, "withMaxTimerSlack(window): window is null");
        checkNotSwarm("max-timer-slack");
        long nanos;
        try {
            nanos = window.toNanos();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("maxTimerSlack " + window + " is too large: it must fit in "
                    + Long.MAX_VALUE + " ns", e);
        }
        return new FaultPlan(probabilities, maxWakeDelay, isSwarm, nanos);
    }

    /** The probability of {@code kind}; 0 when it is off (always 0 on a swarm plan). */
    public double probability(FaultKind kind) {
        return probabilities.getOrDefault(kind, 0.0);
    }

    /** Whether {@code kind} is on. */
    public boolean enabled(FaultKind kind) {
        return probabilities.containsKey(kind);
    }

    /** Whether this plan injects nothing (and is not a swarm plan). */
    public boolean isNone() {
        return !isSwarm && probabilities.isEmpty();
    }

    /**
     * The plan of one swarm run, drawn from {@code choices}: first a coin that keeps the plain plan
     * with probability {@link #SWARM_PLAIN_SHARE} (a recorded 0 keeps it, and nothing more is
     * drawn); otherwise, for each fault in declaration order, a coin (1/2) for on, then an index
     * into {@link #SWARM_LEVELS} (or {@link #SWARM_NETWORK_LEVELS}); then, if a wake is delayed or
     * duplicated, the {@code max-wake-delay} in {@code [1, 8]}. All-zero choices draw {@link #none()}.
     */
    public static FaultPlan drawSwarm(ChoiceSource choices) {
        if (!choices.chance(1.0 - SWARM_PLAIN_SHARE)) {
            return NONE;
        }
        EnumMap<FaultKind, Double> drawn = new EnumMap<>(FaultKind.class);
        for (FaultKind k : FaultKind.values()) {
            if (!k.inSwarm()) {
                continue; // given in plans only, so swarm draws what it drew before the fault existed
            }
            if (choices.chance(0.5)) {
                List<Double> levels = k.isNetworkFault() ? SWARM_NETWORK_LEVELS : SWARM_LEVELS;
                drawn.put(k, levels.get(choices.choose(levels.size())));
            }
        }
        int delay = DEFAULT_MAX_WAKE_DELAY;
        if (drawn.containsKey(FaultKind.DELAY_WAKE) || drawn.containsKey(FaultKind.DUPLICATE_WAKE)) {
            delay = (int) choices.between(1, SWARM_MAX_WAKE_DELAY);
        }
        return new FaultPlan(drawn, delay, false);
    }

    /**
     * Reads the form printed by {@link #toString()}. The {@code faults[...]} wrapper is optional:
     * {@code "none"}, {@code "swarm"} and {@code "reorder=0.1, spurious-poll=0.2"} parse too.
     *
     * @throws IllegalArgumentException saying which part is malformed: an item that is not
     *                                  {@code key=value}, an unknown key, a key given twice, a value
     *                                  that is not a number or is out of range
     */
    public static FaultPlan parse(String text) {
        Objects.requireNonNull(text, "text");
        String s = text.strip();
        if (s.startsWith("faults[")) {
            if (!s.endsWith("]")) {
                throw new IllegalArgumentException("fault plan '" + text + "' starts with 'faults[' but does not end"
                        + " with ']'");
            }
            s = s.substring("faults[".length(), s.length() - 1).strip();
        }
        if (s.equals("none") || s.isEmpty()) {
            return NONE;
        }
        if (s.equals("swarm")) {
            return swarm();
        }
        FaultPlan plan = NONE;
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (String part : s.split(",")) {
            String item = part.strip();
            int eq = item.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("fault plan '" + text + "': '" + item + "' is not key=value");
            }
            String key = item.substring(0, eq).strip();
            String value = item.substring(eq + 1).strip();
            if (!seen.add(key)) {
                throw new IllegalArgumentException("fault plan '" + text + "': " + key + " is given twice; give each"
                        + " fault and setting once");
            }
            try {
                if (key.equals("max-wake-delay")) {
                    plan = plan.withMaxWakeDelay(Integer.parseInt(value));
                } else if (key.equals("max-timer-slack")) {
                    plan = new FaultPlan(plan.probabilities(), plan.maxWakeDelay(), false, parseNanos(value));
                } else {
                    plan = plan.with(FaultKind.ofKey(key), Double.parseDouble(value));
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("fault plan '" + text + "': value of " + key + " is not a number: '"
                        + value + "'", e);
            } catch (ArithmeticException e) {
                throw new IllegalArgumentException("fault plan '" + text + "': value of " + key + " is too large: '"
                        + value + "' does not fit in " + Long.MAX_VALUE + " ns", e);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("fault plan '" + text + "': " + e.getMessage(), e);
            }
        }
        return plan;
    }

    @Override
    public String toString() {
        if (isSwarm) {
            return "faults[swarm]";
        }
        if (probabilities.isEmpty()) {
            return "faults[none]";
        }
        StringBuilder sb = new StringBuilder("faults[");
        for (Map.Entry<FaultKind, Double> e : probabilities.entrySet()) {
            sb.append(sb.length() > 7 ? ", " : "").append(e.getKey().key()).append('=').append(format(e.getValue()));
        }
        if (enabled(FaultKind.DELAY_WAKE) || enabled(FaultKind.DUPLICATE_WAKE)) {
            sb.append(", max-wake-delay=").append(maxWakeDelay);
        }
        if (enabled(FaultKind.TIMER_SLACK)) {
            sb.append(", max-timer-slack=").append(formatNanos(maxTimerSlackNanos));
        }
        return sb.append(']').toString();
    }

    private static String format(double p) {
        // The shortest decimal that reads back as the same double: 0.05, 0.2, 1.0.
        return Double.toString(p);
    }

    /** {@code 1000us}, {@code 1500ns}: microseconds when whole, else nanoseconds. */
    private static String formatNanos(long nanos) {
        return nanos % 1000 == 0 ? nanos / 1000 + "us" : nanos + "ns";
    }

    /** Reads {@code 250ns}, {@code 1000us}, {@code 2ms} or {@code 1s}; a bare number is nanoseconds. */
    private static long parseNanos(String value) {
        String[] units = {"ns", "us", "ms", "s"};
        long[] factors = {1L, 1_000L, 1_000_000L, 1_000_000_000L};
        for (int i = 0; i < units.length; i++) {
            if (value.endsWith(units[i]) && !(units[i].equals("s") && (value.endsWith("ns") || value.endsWith("us")
                    || value.endsWith("ms")))) {
                return Math.multiplyExact(Long.parseLong(value.substring(0, value.length() - units[i].length())
                        .strip()), factors[i]);
            }
        }
        return Long.parseLong(value);
    }

    /** Refuses a setting that a swarm plan would not use: its runs draw their own plans. */
    private void checkNotSwarm(String setting) {
        if (isSwarm) {
            throw new IllegalStateException("FaultPlan.swarm() draws its plan per run and would not use a "
                    + setting + " given to it; start from none() to fix the faults and their settings");
        }
    }

    private static void checkProbability(FaultKind kind, double p) {
        if (!(p >= 0.0 && p <= 1.0)) {
            throw new IllegalArgumentException("probability of " + kind.key() + " must be in [0, 1], got " + p);
        }
    }
}
