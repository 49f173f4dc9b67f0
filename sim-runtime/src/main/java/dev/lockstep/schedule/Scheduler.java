package dev.lockstep.schedule;

import java.util.Objects;

/**
 * How a simulation picks the next task to poll when several are runnable. A value: the per-run
 * state (PCT's priorities) lives in the simulation.
 *
 * <pre>{@code
 * Simulation.builder().seed(1).scheduler(Scheduler.pct(3, 200)).build();
 * }</pre>
 *
 * <h2>Uniform</h2>
 * {@link #uniform()}, the default: each decision is a choice in {@code [0, n)} over the runnable
 * tasks in wake order, recorded as a {@code schedule} trace event; 0 is FIFO.
 *
 * <h2>PCT</h2>
 * {@link #pct(int, long)}: probabilistic concurrency testing (Burckhardt et al., ASPLOS 2010), as
 * in Coyote and shuttle. Every task gets a random priority when it is first seen (inserted at a
 * drawn rank among the known tasks; 0 is the lowest, so all-zero choices run older tasks first)
 * and the highest-priority runnable task always runs. {@code depth - 1} change points are drawn
 * over the first {@code estimatedSteps} scheduling decisions (a decision is a step with more than
 * one runnable task; a drawn 0 means no change point); at a change point the task that ran last is
 * demoted below every other task, a preemption. A bug that needs {@code depth - 1} preemptions at
 * the right places is found with probability at least {@code 1 / (n * k^(depth-1))} per run for
 * {@code n} tasks and {@code k} decisions, where uniform random may need exponentially many runs.
 * Each decision is recorded as a {@code pct} trace event and each change point as a
 * {@code preempt} fault.
 *
 * <h2>Fairness</h2>
 * Strict priorities starve a task that spins (yields in a loop) waiting for a lower one, so after
 * {@code 2 * estimatedSteps} decisions a PCT run continues with uniform random decisions: a spin
 * wait costs a longer run, not a livelock. Choose {@code estimatedSteps} near the decisions of a
 * typical run (the trace's {@code pct} events count them).
 *
 * <h2>Bounded (the runs of an exhaustive search)</h2>
 * {@link #bounded(int)}: the scheduler of {@code Simulation.Builder.search}, which enumerates its
 * choices. At a decision where the task that ran last is still runnable, choice 0 continues it and
 * choice {@code i > 0} runs the {@code i}-th other runnable task (in wake order): a preemption,
 * allowed at most {@code maxPreemptions} times per run (then the last task continues and nothing
 * is drawn). Where the last task is not runnable, choice {@code i} picks the {@code i}-th runnable
 * task, which is no preemption. Each decision is a {@code dfs} trace event and each preemption a
 * {@code preempt} fault. Printed {@code dfs(k)}; a failing search run replays with its replay
 * string and this scheduler.
 */
public sealed interface Scheduler permits Scheduler.Uniform, Scheduler.Pct, Scheduler.Bounded {

    /** Uniform random among the runnable tasks; the default. */
    static Scheduler uniform() {
        return new Uniform();
    }

    /**
     * PCT with bug depth {@code depth} ({@code depth - 1} preemptions) over about
     * {@code estimatedSteps} scheduling decisions.
     *
     * @throws IllegalArgumentException if {@code depth < 1}, or {@code estimatedSteps} is not in
     *                                  {@code [1, 2^31 - 2]}
     */
    static Scheduler pct(int depth, long estimatedSteps) {
        return new Pct(depth, estimatedSteps);
    }

    /**
     * The scheduler of the runs of a bounded exhaustive search: at most {@code maxPreemptions}
     * preemptions per run (see the class documentation).
     *
     * @throws IllegalArgumentException if {@code maxPreemptions < 0}
     */
    static Scheduler bounded(int maxPreemptions) {
        return new Bounded(maxPreemptions);
    }

    /**
     * Reads {@code uniform}, {@code pct(depth, estimatedSteps)} or {@code dfs(k)}, the forms
     * {@link #toString()} prints.
     *
     * @throws IllegalArgumentException saying what is malformed
     */
    static Scheduler parse(String text) {
        Objects.requireNonNull(text, "text");
        String s = text.strip();
        if (s.equals("uniform")) {
            return uniform();
        }
        if (s.startsWith("dfs(") && s.endsWith(")")) {
            try {
                return bounded(Integer.parseInt(s.substring(4, s.length() - 1).strip()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("scheduler '" + text + "': the preemption bound must be an integer",
                        e);
            }
        }
        if (s.startsWith("pct(") && s.endsWith(")")) {
            String[] parts = s.substring(4, s.length() - 1).split(",");
            if (parts.length == 2) {
                try {
                    return pct(Integer.parseInt(parts[0].strip()), Long.parseLong(parts[1].strip()));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("scheduler '" + text + "': depth and estimatedSteps must be"
                            + " integers", e);
                }
            }
        }
        throw new IllegalArgumentException("scheduler '" + text + "' is neither 'uniform',"
                + " 'pct(depth, estimatedSteps)' nor 'dfs(maxPreemptions)'");
    }

    /** Uniform random scheduling. */
    record Uniform() implements Scheduler {
        @Override
        public String toString() {
            return "uniform";
        }
    }

    /**
     * PCT scheduling.
     *
     * @param depth          the bug depth: {@code depth - 1} change points; at least 1
     * @param estimatedSteps the scheduling decisions a run is expected to make; in {@code [1, 2^31 - 2]}
     */
    record Pct(int depth, long estimatedSteps) implements Scheduler {
        public Pct {
            if (depth < 1) {
                throw new IllegalArgumentException("PCT depth must be >= 1 (1 = no preemption), got " + depth);
            }
            if (estimatedSteps < 1 || estimatedSteps > Integer.MAX_VALUE - 1) {
                throw new IllegalArgumentException("PCT estimatedSteps must be in [1, 2^31 - 2], got " + estimatedSteps);
            }
        }

        @Override
        public String toString() {
            return "pct(" + depth + ", " + estimatedSteps + ")";
        }
    }

    /**
     * Preemption-bounded scheduling, for exhaustive search.
     *
     * @param maxPreemptions the most preemptions of a run; at least 0
     */
    record Bounded(int maxPreemptions) implements Scheduler {
        public Bounded {
            if (maxPreemptions < 0) {
                throw new IllegalArgumentException("maxPreemptions must be >= 0, got " + maxPreemptions);
            }
        }

        @Override
        public String toString() {
            return "dfs(" + maxPreemptions + ")";
        }
    }
}
