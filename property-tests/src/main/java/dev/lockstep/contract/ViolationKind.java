package dev.lockstep.contract;

/**
 * The ways a future can break the poll contract that {@link FutureContract} names.
 *
 * <p>Each constant's comment says how the checker detects it; {@link #explanation()} is the
 * paragraph a report prints with it: the rule, why it matters, and the usual fix. The table in
 * {@code docs/third-party.md} ("Checking a future's contract") lists them side by side.
 */
public enum ViolationKind {
    /**
     * The run deadlocked and the future's waker was held by nothing that could still fire (or was
     * dropped): it returned {@code Pending} without arranging to be woken. Detected by the
     * simulation's deadlock diagnosis ({@code DeadlockException.hasLostWakeup()}).
     */
    LOST_WAKEUP("""
            A future that returns Pending must first arrange for the waker of that very poll to be \
            woken when it can make progress, usually by storing cx.waker() with the event source (the \
            channel, timer or reactor) that will call it. This one returned Pending while nothing that \
            could still fire held its waker, so its task was never polled again and the run deadlocked. \
            The usual causes are storing the waker only on the first poll (a "registered" flag), only on \
            some paths (after a partial read, when the queue was empty at the start of the poll), or \
            letting a sender take it and not storing it again. The fix: on every path that returns \
            Pending, store cx.waker() (replacing an older one), then check the condition once more, so \
            an event that arrived in between is not missed."""),

    /**
     * The run deadlocked with the future's waker stored with an event source (not lost), but the
     * timer it was waiting on had been cancelled, or had fired without a new one being set:
     * nothing pending could end the wait. Detected from the deadlock diagnosis (waker held) and the
     * trace of the task's timers.
     */
    DISARMED_WAKEUP("""
            A future that waits for a deadline must keep a timer armed until the deadline has been seen: \
            storing cx.waker() with an event source is not enough if that source will not fire. This one \
            kept its waker (in a channel, an inbox, a timer registration), but the timer that was to end \
            the wait had been cancelled, or had fired and was not set again, so its task was never polled \
            again and the run deadlocked. The usual cause is code that decides from a flag or from the \
            kind of wake whether the deadline has passed (re-checking it only when its own timer woke it, \
            assuming a timer due now has already fired) and then moves the deadline or cancels the timer \
            without arming a new one. The fix: on every poll compare the clock with the deadline, and \
            whenever the deadline moves or a timer is cancelled, arm a timer for the new deadline before \
            returning Pending."""),

    /**
     * The run deadlocked and only a waker of an earlier poll was held or woken: the future kept the
     * first waker. Needs the {@code fresh-waker} fault and a second poll while waiting. Detected
     * by {@code DeadlockException.hasStaleWaker()}.
     */
    STALE_WAKER("""
            Only the waker passed to the most recent poll is sure to wake the task. An executor may hand \
            out a new waker on any poll (Lockstep's fresh-waker fault does; so does a future that moves \
            into another task, or a combinator that polls its children with wakers of its own). This \
            future kept the waker of an earlier poll and woke only that one, so the wake went nowhere and \
            the task was never polled again. The fix: on every poll that returns Pending, replace the \
            stored waker unless it already wakes the same task, as in \
            `if (stored == null || !stored.willWake(cx.waker())) stored = cx.waker();`, and update \
            registrations made earlier (TimerRegistration.updateWaker) rather than keeping the first."""),

    /**
     * The future completed in a poll that nobody asked for (a {@code spurious-poll}, or a
     * duplicated wake delivered again) with nothing having happened since its last
     * {@code Pending}: no other task ran, no timer fired, the clock did not move, no real wake was
     * held back. Or it completed with a value that fails the expectation in a run where it was
     * polled like that, or threw in such a poll (a condition wait that trusts its wake: an
     * {@code if} where a {@code while} belongs).
     */
    SPURIOUS_WAKEUP_INTOLERANT("""
            A wake is a hint, not an event. A future may be polled when nobody woke it (a select or join \
            polls every branch, an executor polls again to be safe) or be woken twice for one event, and \
            each poll must re-check what it waits for and return Pending again if it still cannot make \
            progress. This future took being polled as proof that its event had happened: it completed, \
            completed with a wrong value, or threw, in a poll without a wake, when nothing it could depend on \
            had changed since it last returned Pending. The usual culprit is a flag set when the wait \
            began ("armed", "registered", "timer set") that the next poll reads as "done". The fix: \
            decide readiness from the state itself (compare the clock with the deadline, look at the \
            queue, read the completion slot), never from having been polled."""),

    /**
     * A {@code FusedFuture} polled once more right after {@code Ready} (the
     * {@code poll-after-ready} fault) returned {@code Ready} again, threw, woke its waker, had
     * another effect, or did not report {@code isTerminated()}. Detected by the simulation's fused
     * check ({@code ContractViolationException.Kind.NOT_FUSED}).
     */
    NOT_FUSED("""
            A FusedFuture promises that once it returned Ready it returns Pending on every further poll, \
            reports isTerminated() as true, and does nothing else; select loops rely on it to skip \
            finished branches. Polled once more right after Ready, as a select loop does, this one \
            returned Ready again, threw, woke its waker, had another effect on the run, or did not \
            report isTerminated(). The usual cause is looking at the data (a slot, a queue) before the \
            "done" flag. The fix: set the done flag whenever Ready is returned and check it first in \
            poll; or do not implement FusedFuture yourself and let callers wrap the future with \
            Futures.fuse(..)."""),

    /**
     * A future declared {@code Unpin} was moved between polls (the {@code relocate} fault) while
     * something still referred to the pre-move instance, or it threw
     * {@code PinViolationException}. Detected by the simulation's move injection
     * ({@code ContractViolationException.Kind.PIN_VIOLATION}).
     */
    PIN_VIOLATION("""
            A future declared Unpin (or Movable) promises that it may be moved, continued from a copy of \
            its state, between polls. A future that refers to itself cannot keep that promise: a \
            callback it registered that captures `this`, a field pointing back at the future, a child \
            holding its parent. After the move that reference still points at the old instance, which \
            nobody polls any more, so what it delivers (a value, a wake) lands in stale state and is \
            lost. The fix: remove Unpin from such a future (it is then only polled in place, through its \
            Pin); or keep the state the callback writes in a separate object that every copy shares; or \
            implement Movable.relocate() to re-register the callback with the new instance."""),

    /**
     * The future woke itself and returned {@code Pending} on more consecutive polls than the bound
     * ({@link FutureContract#maxSelfWakes}) without the clock moving or a timer firing, or the run
     * reached its step limit without completing.
     */
    BUSY_WAKE("""
            A future that cannot make progress should wait for the event it needs, not wake itself and \
            return Pending over and over. Such a spin keeps its task runnable, so the executor is never \
            idle: a simulated clock never advances to the timer that would end the wait, and a real \
            executor burns a core while starving the tasks it waits for. This future woke itself on poll \
            after poll with no timer firing and no time passing, or kept the run busy until its step \
            limit. The fix: store the waker with the event source (a timer for a deadline, the channel \
            or reactor for data) instead of calling cx.waker().wakeByRef() before every Pending; a loop \
            that yields for fairness should yield after a bounded amount of work, not to re-check a \
            condition."""),

    /**
     * After the future was cancelled mid-flight (its task aborted after a {@code Pending}), a timer
     * it set was still pending, or a waker of its task was still held by another task, a timer's
     * callback or an installed service ({@code dev.lockstep.runtime.Registrations}).
     */
    LEAKED_REGISTRATION("""
            When a future is dropped before it completes (its task aborted, a select or race loser, a \
            timeout firing), everything it registered must go with it: its timers, its reactor \
            interest, its waker in a channel's wait list. Lockstep drops a future by calling \
            Cancellable.cancel(). The checker cancelled this future after it returned Pending and then \
            found its task still registered: a timer it set was pending, or its waker was held by \
            another task, a callback or a service. A leftover registration keeps memory alive, wakes a \
            task that no longer exists, and in a channel can take a message or a permit meant for the \
            next receiver. The fix: implement Cancellable and, in cancel(), cancel every timer \
            registration, deregister from the reactor, remove the waker from the source's wait list and \
            cancel the inner futures still held; make it idempotent."""),

    /**
     * The future completed without breaking the poll contract, but its value failed the
     * expectation given with {@link FutureContract#expect} or {@link FutureContract#expectThat}.
     */
    RESULT_MISMATCH("""
            The future kept the poll contract but completed with a value that does not meet the \
            expectation given to the checker. The checker ran it under many schedules (tasks reordered, \
            wakes delayed and duplicated, other tasks interleaving with the ones it spawned or waits \
            for), and a result that depends on which of two concurrent events comes first, or on a wake \
            arriving before another task runs, differs between them. The fix: make the result \
            independent of completion order (key responses by request rather than by arrival, read \
            shared state again after each wait), or, if several results are correct, say so with \
            expectThat."""),

    /**
     * {@code poll} (or {@code cancel}) threw, under some schedule or fault. The exception is part
     * of the violation.
     */
    PANIC("""
            A future fails by throwing from poll, and the checker counts any exception as a failure: a \
            result the caller should handle belongs in the value. This one threw from poll (or from \
            cancel) under one of the schedules or faults: a short read at a buggify site, events in an \
            unexpected order, a poll without a wake, a cancel at an awkward moment. The usual cause is \
            an assumption that holds on the plain schedule only, such as a buffer always holding a whole \
            frame or a message always arriving before a timer. The fix: handle the state the trace shows \
            at the failing poll; if the exception is the intended outcome, return it as part of the \
            value (an Optional, an Either, a result record) so that the expectation can check it.""");

    private final String explanation;

    ViolationKind(String explanation) {
        this.explanation = explanation;
    }

    /** One paragraph for people: the rule this kind breaks, why it matters, and the usual fix. */
    public String explanation() {
        return explanation;
    }
}
