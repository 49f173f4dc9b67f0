package dev.lockstep.timeline;

import dev.lockstep.runtime.ContractViolationException;
import dev.lockstep.runtime.DeadlockException;
import dev.lockstep.runtime.TaskFailedException;
import dev.lockstep.trace.TraceEvent;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The tasks a failure names, which the timeline highlights.
 *
 * <h2>Which tasks</h2>
 * The failure and its causes and suppressed exceptions are searched, in that order:
 * <ul>
 *   <li>a {@link DeadlockException} names the blocked tasks that lost their wakeup
 *       ({@code lost wakeup}) or kept a stale waker ({@code stale waker}); when none did, every
 *       blocked task ({@code blocked});
 *   <li>a {@link ContractViolationException} names its task, with its kind ({@code pin violation},
 *       {@code not fused});
 *   <li>a {@link TaskFailedException} names the task that threw ({@code failed task}).
 * </ul>
 * When none of them names a task, the tasks the trace shows ending {@code FAILED} are named
 * ({@code failed task}); when there are none either, the failure was thrown outside the tasks (an
 * assertion on what {@code blockOn} returned), and the last root task named {@code main} is
 * named ({@code failing assertion}).
 *
 * <h2>Last Pending</h2>
 * For each culprit, the index of its last poll that returned {@code Pending} among the shown
 * events, or {@code -1}; for a blocked task that is the wait that never ended.
 */
final class TimelineCulprits {
    private TimelineCulprits() {}

    /** A task the failure names: its id, why, and the shown event of its last Pending ({@code -1}: none). */
    record Culprit(int task, String reason, int lastPending) {}

    /** The culprits of {@code failure} ({@code null}: none) in {@code shown}, in the order found, one per task. */
    static List<Culprit> find(Throwable failure, List<TraceEvent> shown) {
        if (failure == null) {
            return List.of();
        }
        Map<Integer, String> reasons = new LinkedHashMap<>();
        for (Throwable t : chain(failure)) {
            switch (t) {
                case DeadlockException d -> {
                    boolean any = d.blocked().stream().anyMatch(DeadlockException.BlockedTask::lostWakeup);
                    for (DeadlockException.BlockedTask b : d.blocked()) {
                        if (b.staleWaker()) {
                            reasons.putIfAbsent(b.id(), "stale waker");
                        } else if (b.lostWakeup()) {
                            reasons.putIfAbsent(b.id(), "lost wakeup");
                        } else if (!any) {
                            reasons.putIfAbsent(b.id(), "blocked");
                        }
                    }
                }
                case ContractViolationException c -> reasons.putIfAbsent(c.taskId(),
                        c.kind().name().toLowerCase(Locale.ROOT).replace('_', ' '));
                case TaskFailedException f -> reasons.putIfAbsent(f.taskId(), "failed task");
                default -> { }
            }
        }
        if (reasons.isEmpty()) {
            for (TraceEvent e : shown) {
                if (e instanceof TraceEvent.Completed c && c.outcome() == TraceEvent.Outcome.FAILED) {
                    reasons.putIfAbsent(c.task(), "failed task");
                }
            }
        }
        if (reasons.isEmpty()) {
            int main = -1;
            for (TraceEvent e : shown) {
                if (e instanceof TraceEvent.Spawned s && s.name().equals("main") && s.host().isEmpty() && s.parent() < 0) {
                    main = s.task();
                }
            }
            if (main >= 0) {
                reasons.put(main, "failing assertion");
            }
        }
        List<Culprit> out = new ArrayList<>();
        for (Map.Entry<Integer, String> r : reasons.entrySet()) {
            out.add(new Culprit(r.getKey(), r.getValue(), lastPending(shown, r.getKey())));
        }
        return out;
    }

    private static int lastPending(List<TraceEvent> shown, int task) {
        for (int i = shown.size() - 1; i >= 0; i--) {
            if (shown.get(i) instanceof TraceEvent.Polled p && p.task() == task && !p.ready()) {
                return i;
            }
        }
        return -1;
    }

    /** The failure, its causes and suppressed exceptions, each once, depth first. */
    private static List<Throwable> chain(Throwable failure) {
        List<Throwable> out = new ArrayList<>();
        Set<Throwable> seen = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        List<Throwable> todo = new ArrayList<>(List.of(failure));
        while (!todo.isEmpty() && out.size() < 64) {
            Throwable t = todo.remove(0);
            if (t == null || !seen.add(t)) {
                continue;
            }
            out.add(t);
            List<Throwable> next = new ArrayList<>();
            next.add(t.getCause());
            next.addAll(List.of(t.getSuppressed()));
            todo.addAll(0, next);
        }
        return out;
    }
}
