package dev.lockstep.contract;

import dev.lockstep.fault.FaultPlan;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * What the runs under one fault plan found.
 *
 * @param plan          the plan
 * @param runs          runs made under it (fewer than asked when a busy-wake stopped the plan
 *                      early: such runs last until the step limit)
 * @param cancelledRuns runs in which the checker cancelled the future mid-flight
 * @param violating     runs that showed a violation
 * @param kinds         how many runs showed each kind (kinds with no run are absent)
 */
public record PlanSummary(FaultPlan plan, int runs, int cancelledRuns, int violating, Map<ViolationKind, Integer> kinds) {

    public PlanSummary {
        Objects.requireNonNull(plan, "plan");
        EnumMap<ViolationKind, Integer> copy = new EnumMap<>(ViolationKind.class);
        copy.putAll(kinds);
        kinds = Collections.unmodifiableMap(copy);
        int counted = copy.values().stream().mapToInt(Integer::intValue).sum();
        if (runs < 0 || cancelledRuns < 0 || cancelledRuns > runs || violating < 0 || violating > runs
                || counted != violating) {
            throw new IllegalArgumentException("inconsistent plan summary: " + runs + " runs, " + cancelledRuns
                    + " cancelled, " + violating + " violating, kinds " + copy);
        }
    }

    /** Whether every run under this plan kept the contract. */
    public boolean passed() {
        return violating == 0;
    }

    /** {@code "LOST_WAKEUP x3, PANIC x1"}, or {@code "-"}. */
    public String describeKinds() {
        if (kinds.isEmpty()) {
            return "-";
        }
        StringBuilder sb = new StringBuilder();
        kinds.forEach((k, n) -> sb.append(sb.isEmpty() ? "" : ", ").append(k).append(" x").append(n));
        return sb.toString();
    }
}
