package dev.lockstep.contract;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The outcome of {@link FutureContract#check()}: one summary per fault plan, and each kind of
 * violation found, once, with the smallest run that shows it.
 *
 * <p>{@link #toString()} is the report a person reads: the plan table, then for each violation
 * what was observed, how to replay it, the rule and the usual fix, and the end of the trace.
 *
 * @param subject    the name of the future's task ({@link FutureContract#name})
 * @param seed       the base seed of the runs
 * @param plans      one summary per plan, in the order they ran
 * @param violations one per kind found, in the order found
 * @param elapsed    real time the check took
 */
public record ContractReport(String subject, long seed, List<PlanSummary> plans, List<Violation> violations,
        Duration elapsed) {

    public ContractReport {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(elapsed, "elapsed");
        plans = List.copyOf(plans);
        violations = List.copyOf(violations);
        Set<ViolationKind> seen = EnumSet.noneOf(ViolationKind.class);
        for (Violation v : violations) {
            if (!seen.add(v.kind())) {
                throw new IllegalArgumentException("a report lists each kind once; " + v.kind() + " is there twice");
            }
        }
    }

    /** Whether no run showed a violation. */
    public boolean passed() {
        return violations.isEmpty();
    }

    /** Runs made in all, over every plan. */
    public int runs() {
        return plans.stream().mapToInt(PlanSummary::runs).sum();
    }

    /** The kinds found. */
    public Set<ViolationKind> kinds() {
        Set<ViolationKind> kinds = EnumSet.noneOf(ViolationKind.class);
        violations.forEach(v -> kinds.add(v.kind()));
        return kinds;
    }

    /** The violation of {@code kind}, if one was found. */
    public Optional<Violation> violation(ViolationKind kind) {
        return violations.stream().filter(v -> v.kind() == kind).findFirst();
    }

    /**
     * Does nothing if the future kept its contract.
     *
     * @throws AssertionError with this report as its message (and a {@link Violation.Panic}'s
     *                        exception as its cause)
     */
    public void assertPassed() {
        if (!passed()) {
            Throwable cause = violations.stream().filter(v -> v instanceof Violation.Panic)
                    .map(v -> ((Violation.Panic) v).exception()).findFirst().orElse(null);
            throw new AssertionError(toString(), cause);
        }
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        int violating = plans.stream().mapToInt(PlanSummary::violating).sum();
        sb.append(String.format(Locale.ROOT, "Contract of future '%s': %s in %,d runs (%d fault %s, seed %d, %.3f s)%n",
                subject, passed() ? "kept" : "BROKEN (" + kinds().size() + (kinds().size() == 1 ? " kind" : " kinds")
                        + " of violation, " + violating + " violating runs)", runs(), plans.size(),
                plans.size() == 1 ? "plan" : "plans", seed, elapsed.toNanos() / 1e9));
        int width = plans.stream().mapToInt(p -> p.plan().toString().length()).max().orElse(10);
        sb.append(String.format(Locale.ROOT, "  %-" + width + "s %6s %10s %10s  %s%n", "plan", "runs", "cancelled",
                "violating", "kinds"));
        for (PlanSummary p : plans) {
            sb.append(String.format(Locale.ROOT, "  %-" + width + "s %6d %10d %10d  %s%n", p.plan(), p.runs(),
                    p.cancelledRuns(), p.violating(), p.describeKinds()));
        }
        for (Violation v : violations) {
            Witness w = v.witness();
            sb.append('\n').append(v.kind()).append(": found under ").append(w.plan()).append(" in run ").append(w.run())
                    .append(w.cancelled() ? " (cancelled mid-flight)" : "").append(", ")
                    .append(w.reproduced() ? "shrunk from " + w.foundChoices() + " choices to " + w.shrunkChoices()
                            : "NOT reproduced on replay (is the future deterministic?)")
                    .append('\n');
            sb.append("  observed: ").append(v.observed().replace("\n", "\n  ")).append('\n');
            sb.append("  at step ").append(w.step()).append(", virtual time ").append(Witness.time(w.nanos())).append('\n');
            sb.append("  replay:   FutureContract.of(..)").append(w.howToReplay()).append(".check()\n");
            sb.append("  rule:     ").append(wrap(v.explanation(), 96, "            ")).append('\n');
            sb.append("  last ").append(w.trace().size()).append(" trace events of that run:\n");
            sb.append(w.formatTrace());
        }
        return sb.toString();
    }

    /** {@code text} wrapped at {@code width} columns, continuation lines starting with {@code indent}. */
    private static String wrap(String text, int width, String indent) {
        StringBuilder out = new StringBuilder();
        int column = 0;
        for (String word : text.split(" ")) {
            if (column > 0 && column + 1 + word.length() > width) {
                out.append('\n').append(indent);
                column = 0;
            } else if (column > 0) {
                out.append(' ');
                column++;
            }
            out.append(word);
            column += word.length();
        }
        return out.toString();
    }
}
