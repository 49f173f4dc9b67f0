package dev.lockstep.runtime;

import dev.lockstep.internal.ReferencePaths;
import dev.lockstep.internal.exec.Kernel;
import dev.lockstep.internal.exec.SimHandle;
import dev.lockstep.internal.exec.SimJoinHandle;
import dev.lockstep.internal.exec.Task;
import dev.lockstep.internal.exec.TaskLifecycle;
import dev.lockstep.internal.timer.TimerEntry;
import dev.lockstep.trace.TraceHash;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Finds how a future refers back to itself, the reason it must stay pinned (DESIGN 2.2).
 *
 * <pre>{@code
 * SelfReferences.find(parser)        // Optional[LineParser.cursor.owner]
 * SelfReferences.find(parser, sim)   // also: timer@1ms set by 'parse'#1.action.<captured 1>
 * }</pre>
 *
 * <h2>What refers back</h2>
 * A future is self-referential when an object reachable from its fields (the captured arguments
 * of a lambda count as fields), or a callback it registered with a timer, channel or reactor,
 * holds a reference to the future instance. A registered {@code Waker} of a simulation task does
 * not: it points at the task, and the task polls the future wherever it now is, so the executor's
 * tasks and handles are not followed. A waker whose data is the future itself (a combinator that
 * makes wakers for its children) does refer back.
 *
 * <h2>Returns</h2>
 * The shortest field path from a root to the future, such as {@code LineParser.cursor.owner}, or
 * empty. Roots are the future (named by its simple class name), then, with a simulation, each
 * pending timer ({@code timer@<deadline> set by <task>}) and each installed service (a network,
 * a channel registry), in that order.
 *
 * <h2>Cost</h2>
 * A reflective breadth-first walk bounded to 50,000 objects per root, which does not walk again
 * what an earlier root's complete walk ruled out ({@link ReferencePaths.Search}); for diagnosis
 * and the move injection only, never in scheduling.
 */
public final class SelfReferences {
    static final int SCAN_LIMIT = 50_000;

    private SelfReferences() {}

    /** The field path from {@code future} back to itself, through its own fields only. */
    public static Optional<String> find(Object future) {
        Objects.requireNonNull(future, "future");
        return scanner().find(future, rootName(future), o -> o == future);
    }

    /**
     * The path from {@code future}, or from a registration in {@code sim} (a pending timer's
     * callback or waker, an installed service), back to {@code future}.
     */
    public static Optional<String> find(Object future, Simulation sim) {
        Objects.requireNonNull(sim, "sim");
        Optional<String> own = find(future);
        return own.isPresent() ? own : inRegistrations(sim, o -> o == future);
    }

    /**
     * Where {@code target} is still referenced after its task moved to {@code copy}: from the copy,
     * another task's future, a pending timer or a service; {@code moved} is skipped.
     */
    static Optional<String> referenceAfterMove(Simulation sim, Object target, Object copy, Task moved) {
        ReferencePaths.Search search = scanner().search(o -> o == target);
        Optional<String> p = search.from(copy, "the moved copy " + rootName(copy));
        if (p.isPresent()) {
            return p;
        }
        for (Task other : sim.tasks().live()) {
            if (other != moved && other.pin != null) {
                p = search.from(other.pin.get(), "the future of task " + other);
                if (p.isPresent()) {
                    return p;
                }
            }
        }
        return inRegistrations(sim, search);
    }

    private static Optional<String> inRegistrations(Simulation sim, Predicate<Object> target) {
        return inRegistrations(sim, scanner().search(target));
    }

    private static Optional<String> inRegistrations(Simulation sim, ReferencePaths.Search search) {
        for (TimerEntry e : sim.timers().pendingEntries()) {
            Optional<String> p = search.from(e, "timer@" + TraceHash.time(e.deadlineNanos()) + " set by "
                    + (e.owner() >= 0 ? "'" + e.ownerName() + "'#" + e.owner() : e.ownerName()));
            if (p.isPresent()) {
                return p;
            }
        }
        for (Map.Entry<Class<?>, Object> s : sim.kernel().services().entrySet()) {
            Optional<String> p = search.from(s.getValue(), "service " + s.getKey().getSimpleName());
            if (p.isPresent()) {
                return p;
            }
        }
        return Optional.empty();
    }

    /** A scanner that does not walk into the executor's own bookkeeping. */
    private static ReferencePaths scanner() {
        return new ReferencePaths(SCAN_LIMIT, o -> o instanceof Task || o instanceof Simulation || o instanceof Kernel
                || o instanceof TaskLifecycle || o instanceof SimHandle || o instanceof SimJoinHandle<?>);
    }

    private static String rootName(Object o) {
        String n = o.getClass().getSimpleName();
        return n.isEmpty() ? o.getClass().getName() : n;
    }
}
