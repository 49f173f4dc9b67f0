package dev.lockstep.runtime;

import dev.lockstep.future.JoinHandle;
import dev.lockstep.future.RawWaker;
import dev.lockstep.future.Waker;
import dev.lockstep.internal.ReferencePaths;
import dev.lockstep.internal.exec.Kernel;
import dev.lockstep.internal.exec.SimHandle;
import dev.lockstep.internal.exec.SimJoinHandle;
import dev.lockstep.internal.exec.Task;
import dev.lockstep.internal.exec.TaskWakers.WakerToken;
import dev.lockstep.internal.timer.TimerEntry;
import dev.lockstep.trace.TraceHash;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * What a task still has registered with a simulation: the check behind "a cancelled future
 * releases every registration" ({@code Cancellable}, DESIGN 2).
 *
 * <h2>Returns</h2>
 * One line per registration found, in this order, or an empty list:
 * <ul>
 *   <li>each pending timer the task set (neither fired nor cancelled), and each pending timer or
 *       event whose waker or callback reaches a waker of the task, with the field path;
 *   <li>each live task whose {@code JoinHandle} still holds a waker of the task;
 *   <li>the first field path from each other live task's future, and from each installed service
 *       (the network, a reactor, a channel registry), to a waker of the task.
 * </ul>
 * A waker of the task is one made for any of its polls (also a stale one of the
 * {@code fresh-waker} fault), found directly or inside a combinator's waker that wakes it.
 *
 * <h2>When to ask</h2>
 * After the task ended: aborted (its future's {@code cancel()} ran) or completed. While it waits,
 * these registrations are how it will be woken, so finding them is no fault.
 *
 * <h2>Cost</h2>
 * The same reflective walk as the deadlock diagnosis (bounded to 200,000 objects per root); for
 * checks and diagnosis only, never in decision paths. Call it from the simulation's thread
 * between runs of the loop (not from inside a poll).
 *
 * <h2>Example</h2>
 * <pre>{@code
 * JoinHandle<String> h = sim.spawn("reader", channel.recv());
 * ... h.abort();
 * Registrations.heldFor(sim, h)   // [timer @0.010s set by 'reader'#0 is still pending (...), ...]
 * }</pre>
 */
public final class Registrations {
    private static final int SCAN_LIMIT = 200_000;

    private Registrations() {}

    /**
     * The registrations of {@code task}'s task still held in {@code sim}; see the class comment.
     *
     * @throws IllegalArgumentException if {@code task} is not a handle of a task of {@code sim}
     */
    public static List<String> heldFor(Simulation sim, JoinHandle<?> task) {
        Objects.requireNonNull(sim, "sim");
        Objects.requireNonNull(task, "task");
        if (!(task instanceof SimJoinHandle<?> handle) || !handle.belongsTo(sim.kernel())) {
            throw new IllegalArgumentException("Registrations.heldFor: " + task + " is not a task of this simulation");
        }
        Task t = handle.task();
        Predicate<Object> isWaker = o -> isWakerOf(o, t);
        ReferencePaths.Search paths = new ReferencePaths(SCAN_LIMIT, o -> o instanceof Task || o instanceof Simulation
                || o instanceof Kernel || o instanceof SimHandle || o instanceof SimJoinHandle<?>).search(isWaker);
        List<String> held = new ArrayList<>();
        for (TimerEntry e : sim.timers().pendingEntries()) {
            String timer = (e.action() != null ? "event" : "timer") + " @" + TraceHash.time(e.deadlineNanos()) + " set by "
                    + (e.owner() >= 0 ? "'" + e.ownerName() + "'#" + e.owner() : e.ownerName());
            if (e.owner() == t.id) {
                held.add(timer + " is still pending (neither fired nor cancelled)");
                continue;
            }
            Optional<String> p = paths.from(e, timer);
            p.ifPresent(path -> held.add(timer + " still holds its waker at " + path));
        }
        for (Task other : sim.tasks().live()) {
            if (other == t) {
                continue;
            }
            if (other.joinWakers.stream().anyMatch(isWaker)) {
                held.add("the JoinHandle of task " + other + " still holds its waker (as if it still awaited that"
                        + " task)");
            }
            if (other.pin != null) {
                paths.from(other.pin.get(), "task " + other + " future")
                        .ifPresent(path -> held.add("its waker is still held at " + path));
            }
        }
        for (Map.Entry<Class<?>, Object> s : sim.kernel().services().entrySet()) {
            paths.from(s.getValue(), "service " + s.getKey().getSimpleName())
                    .ifPresent(path -> held.add("its waker is still held at " + path));
        }
        return List.copyOf(held);
    }

    /** Whether {@code o} is a waker (or raw waker) of {@code t}, of any poll. */
    private static boolean isWakerOf(Object o, Task t) {
        Object data = o instanceof Waker w ? w.raw().data() : o instanceof RawWaker r ? r.data() : null;
        return data != null && WakerToken.isWakerOf(data, t);
    }
}
