package dev.lockstep.internal.exec;

import dev.lockstep.future.Context;
import dev.lockstep.future.RawWaker;
import dev.lockstep.future.Waker;
import dev.lockstep.internal.ReferencePaths;
import dev.lockstep.internal.edge.ExternalSource;
import dev.lockstep.internal.exec.ForeignThreads.ForeignWake;
import dev.lockstep.internal.exec.TaskWakers.WakerToken;
import dev.lockstep.time.BlockingRuntime;
import dev.lockstep.time.Sleep;
import dev.lockstep.trace.Trace;
import dev.lockstep.trace.TraceHash;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Explains a deadlock: for every blocked task, when it last returned {@code Pending} and whether
 * anything still holds its waker.
 *
 * <p>The search is a reflective walk from every live task's future and every installed service
 * (the network, channels' shared state) looking for a waker of the blocked task. A waker held by
 * nothing, or dropped by its holder, is a lost wakeup; when only a waker of an earlier poll is held
 * or was woken (the {@code fresh-waker} fault), it is a stale waker. Runs only on the failure path.
 */
public final class Deadlocks {
    private static final int SCAN_LIMIT = 200_000;

    private Deadlocks() {}

    static RuntimeException diagnose(Kernel sim, Collection<Task> live, Task root) {
        // A Context is not a place wakes come from: it lives for one poll, and a suspended async
        // body keeps its last one, which would otherwise hide every lost or stale waker under it.
        ReferencePaths paths = new ReferencePaths(SCAN_LIMIT, o -> o instanceof Task || o instanceof Kernel || o instanceof BlockingRuntime
                || o instanceof SimHandle || o instanceof SimJoinHandle<?> || o instanceof Context);
        List<Errors.Blocked> blocked = new ArrayList<>();
        StringBuilder msg = new StringBuilder();
        msg.append("deadlock: ").append(live.size()).append(live.size() == 1 ? " task is" : " tasks are")
                .append(" blocked, none is runnable, and no timer or I/O event is pending, so nothing can wake them");
        for (Task t : live) {
            Optional<String> holder = findHolder(paths, sim, live, o -> isWaker(o, t, true));
            Optional<String> staleHolder = holder.isEmpty() && t.wakerGeneration > 0
                    ? findHolder(paths, sim, live, o -> isWaker(o, t, false)) : Optional.empty();
            boolean stale = holder.isEmpty() && (staleHolder.isPresent() || t.staleWakeStep >= 0);
            boolean lost = holder.isEmpty() || t.wakerDropped;
            String where;
            if (stale) {
                where = "STALE WAKER: the waker of its last poll (waker #" + t.wakerGeneration + ") is not held by"
                        + " anything, but " + (staleHolder.isPresent() ? "a waker of an earlier poll is held at "
                        + staleHolder.get() : "")
                        + (staleHolder.isPresent() && t.staleWakeStep >= 0 ? ", and " : "")
                        + (t.staleWakeStep >= 0 ? "waker #" + t.staleWakeGeneration + " of an earlier poll was woken"
                        + " at step " + t.staleWakeStep + " and ignored" : "")
                        + ". The future kept the waker of an earlier poll instead of the latest: store cx.waker()"
                        + " on every poll that returns Pending (or replace the stored one when"
                        + " !stored.willWake(cx.waker()))";
            } else if (holder.isEmpty() && sharedSleep(paths, t) != null) {
                Sleep shared = sharedSleep(paths, t);
                where = "it polled a Sleep that task " + shared.lastPoller() + " polled after it: this Sleep's timer"
                        + " wakes only the latest poller " + shared.lastPoller() + " (a leaf future keeps one waker)."
                        + " Give each task its own Sleep, or let one task sleep and share the result";
            } else if (holder.isEmpty()) {
                where = "LOST WAKEUP: the waker of its last poll is not held by any future, timer or I/O source,"
                        + " so nothing can ever wake it (a future returned Pending without storing cx.waker()"
                        + " where its event source will call it)";
            } else if (t.wakerDropped) {
                where = "LOST WAKEUP: its waker was dropped after its last poll (still referenced at "
                        + holder.get() + ", but its holder gave it up)";
            } else {
                where = "its waker is held at " + holder.get()
                        + ", but nothing pending will call it (waiting on something that never happens)";
            }
            msg.append("\n  - task ").append(t).append(t == root ? " (blockOn)" : "").append(": ");
            if (t.lastPendingStep < 0) {
                msg.append("never polled; ");
            } else {
                msg.append("last Pending at step ").append(t.lastPendingStep).append(", t=")
                        .append(TraceHash.time(t.lastPendingNanos)).append("; ");
            }
            msg.append(where);
            if (holder.isPresent() && t.pin != null) {
                externalSource(paths, t).ifPresent(kind -> msg.append("; it awaits a ").append(kind)
                        .append(" that no simulation task completes: completed by a real thread such as the common"
                                + " pool? Complete it from a task, give the code sim.scheduledExecutor(), or add"
                                + " dev.lockstep:sim-agent, which runs the common pool and *Async callbacks as"
                                + " simulation tasks"));
            }
            blocked.add(new Errors.Blocked(t.id, t.name, t.lastPendingStep, t.lastPendingNanos, lost,
                    holder.orElse(stale ? "stale" : t.wakerDropped ? "dropped" : "nothing"), stale));
        }
        for (Task f : sim.outcomes().unobserved()) {
            msg.append("\nnote: task ").append(f).append(" failed earlier and nobody awaited it: ").append(f.failure)
                    .append(" (attached as suppressed)");
        }
        msg.append("\nlast events:\n").append(Trace.format(sim.trace().tail(15)));
        Throwable cause = null;
        ForeignWake foreign = sim.threads().first();
        if (foreign != null) {
            msg.append("\nnote: ").append(foreign.describe()).append(", outside the simulation (see cause)");
            cause = foreign.stack();
        }
        return sim.errors().deadlock(msg.toString(), blocked, sim.step(), sim.nanos(), sim.replayString(), cause);
    }

    /** A sleep reachable from {@code t}'s future that another task polled last, or null. */
    private static Sleep sharedSleep(ReferencePaths paths, Task t) {
        if (t.pin == null) {
            return null;
        }
        Object future = t.pin.get();
        if (future instanceof Sleep s && s.lastPollerId() >= 0 && s.lastPollerId() != t.id) {
            return s;
        }
        Sleep[] found = {null};
        paths.find(future, "task " + t + " future", o -> {
            if (o instanceof Sleep s && s.lastPollerId() >= 0 && s.lastPollerId() != t.id) {
                found[0] = s;
                return true;
            }
            return false;
        });
        return found[0];
    }

    /**
     * What {@code t}'s future awaits from outside the simulation (an Interop adapter still pending),
     * if anything: the future itself ({@code blockOn(Interop.fromCompletionStage(stage))}) or one it
     * holds.
     */
    private static Optional<String> externalSource(ReferencePaths paths, Task t) {
        if (t.pin.get() instanceof ExternalSource own && own.pendingSource() != null) {
            return Optional.of(own.pendingSource());
        }
        String[] kind = new String[1];
        Optional<String> found = paths.find(t.pin.get(), "task " + t + " future", o -> {
            if (o instanceof ExternalSource s && s.pendingSource() != null) {
                kind[0] = s.pendingSource();
                return true;
            }
            return false;
        });
        return found.map(path -> kind[0]);
    }

    /** Whether {@code o} is a waker of {@code t}: of its latest generation only, or of any. */
    private static boolean isWaker(Object o, Task t, boolean latestOnly) {
        Object data = o instanceof Waker w ? w.raw().data() : o instanceof RawWaker r ? r.data() : null;
        if (data == null || !WakerToken.isWakerOf(data, t)) {
            return false;
        }
        return !latestOnly || WakerToken.generationOf(data) == t.wakerGeneration;
    }

    private static Optional<String> findHolder(ReferencePaths paths, Kernel sim, Collection<Task> live,
            Predicate<Object> isWaker) {
        for (Task awaited : live) {
            for (Waker w : awaited.joinWakers) {
                if (isWaker.test(w)) {
                    return Optional.of("the JoinHandle of task " + awaited + " (it awaits that task)");
                }
            }
        }
        for (Task holder : live) {
            if (holder.pin == null) {
                continue;
            }
            Optional<String> p = paths.find(holder.pin.get(), "task " + holder + " future", isWaker);
            if (p.isPresent()) {
                return p;
            }
        }
        for (Map.Entry<Class<?>, Object> e : sim.services().entrySet()) {
            Optional<String> p = paths.find(e.getValue(), e.getKey().getSimpleName(), isWaker);
            if (p.isPresent()) {
                return p;
            }
        }
        return Optional.empty();
    }
}
