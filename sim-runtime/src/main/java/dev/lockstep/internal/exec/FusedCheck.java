package dev.lockstep.internal.exec;

import dev.lockstep.fault.FaultKind;
import dev.lockstep.future.Context;
import dev.lockstep.future.FusedFuture;
import dev.lockstep.future.Future;
import dev.lockstep.future.Poll;
import dev.lockstep.future.RawWaker;
import dev.lockstep.future.RawWakerVTable;
import dev.lockstep.future.Waker;
import dev.lockstep.trace.Trace;
import dev.lockstep.trace.TraceEvent;
import java.util.List;

/**
 * The {@code poll-after-ready} fault: a task's {@link FusedFuture} that just returned
 * {@code Ready} is polled once more, as a {@code select} loop would, and must behave as fused.
 *
 * <h2>What counts</h2>
 * After {@code Ready} a {@code FusedFuture} must report {@code isTerminated()}, and the extra poll
 * must return {@code Pending}, throw nothing, not wake the waker it is given (a probe that wakes
 * no task) and leave no trace: no wake of any task, no timer, no spawn, no network event.
 * Anything else fails the run with {@code ContractViolationException.Kind.NOT_FUSED}, naming what
 * was observed.
 *
 * <p>A future that is not a {@code FusedFuture} is never polled after {@code Ready}: the poll
 * contract leaves that unspecified (it may return the value again, throw, or consume more input,
 * as a channel receive does), so whatever it did would be correct and the extra poll could only
 * break the run. Lockstep's own combinators promise an {@link IllegalStateException} there; their
 * unit tests check it.
 */
public final class FusedCheck {
    /** A probe waker's table: its data is a {@code Runnable} that counts a wake; a clone shares the count. */
    private static final RawWakerVTable PROBE_VTABLE = new RawWakerVTable(
            data -> new RawWaker(data, FusedCheck.probeTable()),
            data -> ((Runnable) data).run(),
            data -> ((Runnable) data).run(),
            data -> { });

    private static RawWakerVTable probeTable() {
        return PROBE_VTABLE;
    }
    private FusedCheck() {}

    static boolean applies(Task t) {
        return t.pin != null && t.pin.get() instanceof FusedFuture<?>;
    }

    static void pollAgain(Kernel sim, Task t) {
        pollAgain(sim, t, (FusedFuture<?>) t.pin.get(), "");
    }

    /**
     * The check on {@code fused}, which returned {@code Ready} in a poll of {@code t}: its root
     * future ({@code where} empty) or an inner one ({@code where} names it).
     */
    @SuppressWarnings("unchecked")
    static void pollAgain(Kernel sim, Task t, FusedFuture<?> fused, String where) {
        String name = fused.getClass().getName();
        boolean terminatedAtReady = fused.isTerminated();
        int[] wakes = new int[1];
        Runnable count = () -> wakes[0]++;
        Waker probe = Waker.of(count, PROBE_VTABLE);
        Context cx = new Context(probe, sim.handle());
        long eventsBefore = sim.trace().count();
        Poll<Object> again = null;
        Throwable threw = null;
        try {
            again = sim.tasks().runAs(t, () -> ((FusedFuture<Object>) fused).poll(cx));
        } catch (RuntimeException | Error e) {
            threw = e;
        }
        long effects = sim.trace().count() - eventsBefore;
        List<TraceEvent> effectEvents = sim.trace().tail((int) Math.min(effects, 5));
        StringBuilder wrong = new StringBuilder();
        if (!terminatedAtReady) {
            wrong.append("\n  - isTerminated() was false right after it returned Ready");
        }
        if (threw != null) {
            wrong.append("\n  - the extra poll threw ").append(threw);
        } else if (again.isReady()) {
            wrong.append("\n  - the extra poll returned Ready(").append(again.value()).append(") again");
        }
        if (wakes[0] > 0) {
            wrong.append("\n  - the extra poll woke its waker ").append(wakes[0]).append(" time(s)");
        }
        if (effects > 0) {
            wrong.append("\n  - the extra poll had ").append(effects).append(" effect(s) on the run:\n")
                    .append(Trace.format(effectEvents));
        }
        if (threw == null && !fused.isTerminated()) {
            wrong.append("\n  - isTerminated() was false after the extra poll");
        }
        String outcome = threw != null ? "threw " + threw.getClass().getSimpleName()
                : again.isReady() ? "Ready again" : "Pending";
        sim.trace().add(new TraceEvent.Fault(sim.step(), sim.nanos(), t.id, t.name,
                FaultKind.POLL_AFTER_READY.key(), (where.isEmpty() ? "" : where + ": ") + "polled again after Ready: "
                        + outcome
                        + (wrong.isEmpty() ? ", terminated, no effects (fused)" : " (NOT fused)")));
        if (!wrong.isEmpty()) {
            throw sim.errors().notFused(name
                    + (where.isEmpty() ? "" : " (" + where + ")")
                    + " is a FusedFuture, but polled once more after it returned Ready (as a select loop does):"
                    + wrong + "\n  A FusedFuture must return Pending forever after Ready, with isTerminated() true"
                    + " and no other effect; keep a 'done' flag checked first in poll, or wrap the future with"
                    + " Futures.fuse(..) instead of implementing FusedFuture", t.name, t.id, sim.step(), sim.nanos(),
                    sim.replayString(), threw);
        }
    }
}
