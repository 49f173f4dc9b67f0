package dev.lockstep.internal.exec;

import dev.lockstep.fault.FaultKind;
import dev.lockstep.fault.FaultPlan;
import dev.lockstep.future.Context;
import dev.lockstep.future.FusedFuture;
import dev.lockstep.future.Future;
import dev.lockstep.future.Waker;
import dev.lockstep.internal.exec.TaskWakers.WakerToken;
import dev.lockstep.internal.fault.BuggifySites;
import dev.lockstep.internal.schedule.RunQueue;
import dev.lockstep.internal.schedule.SchedulePolicy;
import dev.lockstep.schedule.Scheduler;
import dev.lockstep.trace.TraceEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * Injects the faults of one run's {@link FaultPlan} at the executor's hooks: before a scheduling
 * step, at the pick, before a poll, after a {@code Ready}, at a wake, and when nothing is runnable.
 *
 * <h2>Determinism</h2>
 * A fault that is off draws nothing, so with {@link FaultPlan#none()} every hook returns at once
 * and the run is the plain executor's, draw for draw and event for event. A fault that is on draws
 * a {@code chance} at each opportunity (recorded 0 = no fault), then whatever it needs (which
 * task, how many steps), always in the same order.
 *
 * <h2>Held wakes</h2>
 * {@code delay-wake} and {@code duplicate-wake} put a wake on a list with the step at which it is
 * due. Due wakes are delivered before each scheduling step, in the order they were held; when
 * nothing is runnable all held wakes are delivered before the clock moves or a deadlock is
 * declared, so a held wake can reorder tasks but never lose a wakeup. A delivery is a wake with
 * source {@code "fault"}, which is not held or duplicated again.
 *
 * <h2>Duplicates</h2>
 * A duplicate is delivered only once the task is waiting again (not while it is still queued from
 * the original wake, where it would change nothing), so it always causes an extra poll.
 *
 * <h2>Spurious polls</h2>
 * A waiting task may be polled without a wake before a scheduling step, and when nothing is
 * runnable (before the clock moves). Spurious polls are rationed so that they cannot keep a run
 * busy forever: each costs a credit, the run starts with one, and each wake that is not a fault
 * earns one (at most {@value #MAX_SPURIOUS_CREDIT} banked). A deadlock therefore stays a deadlock,
 * and spurious polls at most double the polls of a run.
 */
public final class FaultInjector {
    private final Kernel sim;
    private final FaultPlan plan;
    private final boolean active;
    private final List<HeldWake> held = new ArrayList<>();
    private final BuggifySites buggify;
    /** Whether relocations are drawn and traced but not made (see {@code MoveCheck}). */
    private final boolean dryMoves;
    private static final int MAX_SPURIOUS_CREDIT = 2;
    private int spuriousCredit = 1;
    /** A violation an inner poll site found during the current poll; null when none. */
    private RuntimeException innerViolation;
    /** Inner futures moved during the current poll, {original, copy}, checked when it returns. */
    private final List<Object[]> innerMoves = new ArrayList<>();

    FaultInjector(Kernel sim, FaultPlan plan, boolean dryMoves) {
        this.sim = sim;
        this.plan = plan;
        this.dryMoves = dryMoves;
        this.active = !plan.isNone();
        this.buggify = new BuggifySites(sim.handle(), sim.trace(), plan.probability(FaultKind.BUGGIFY));
    }

    /** The plan this run injects (for a swarm run, the drawn one). */
    public FaultPlan plan() {
        return plan;
    }

    /**
     * Whether this run may move futures ({@code relocate} is on, with or without {@code checkMoves}):
     * only then do task pins record the stack of their first poll, for a pin violation's report.
     */
    boolean checksMoves() {
        return on(FaultKind.RELOCATE);
    }

    /** The plan and a non-default scheduler, for failure messages; empty for the defaults. */
    public String describeSetup(Scheduler scheduler) {
        String p = plan.isNone() ? "" : plan.toString();
        String s = scheduler instanceof Scheduler.Uniform ? "" : "scheduler " + scheduler;
        return p.isEmpty() || s.isEmpty() ? p + s : p + "; " + s;
    }

    // ---------------------------------------------------------------- scheduling

    /** Delivers due held wakes and may schedule a task nobody woke. */
    void beforePick() {
        if (!active) {
            return;
        }
        deliverHeld(false);
        if (on(FaultKind.SPURIOUS_POLL) && spuriousCredit > 0) {
            injectSpuriousPoll();
        }
    }

    /** Removes and returns the task to poll next: the policy's pick, or (reorder) another one. */
    Task pickNext(RunQueue<Task> queue, SchedulePolicy<Task> policy) {
        int index = policy.pick(queue);
        if (!active || queue.size() < 2 || !on(FaultKind.REORDER) || !draw(FaultKind.REORDER)) {
            return queue.removeAt(index);
        }
        Task deferred = queue.removeAt(index);
        Task next = queue.removeAt(policy.pick(queue));
        queue.add(deferred);
        record(deferred, FaultKind.REORDER.key(), "was picked, then moved to the back of the run queue; "
                + next + " runs first");
        return next;
    }

    /** Before {@code t} is polled: move injection, then a fresh waker. */
    void beforePoll(Task t) {
        if (!active) {
            return;
        }
        if (on(FaultKind.RELOCATE) && MoveInjection.eligible(t) && draw(FaultKind.RELOCATE)) {
            if (dryMoves) {
                MoveInjection.relocateDry(sim, t);
            } else {
                MoveInjection.relocate(sim, t);
            }
        }
        if (on(FaultKind.FRESH_WAKER) && draw(FaultKind.FRESH_WAKER)) {
            t.wakerGeneration++;
            t.waker = Waker.of(new WakerToken(t, t.wakerGeneration), sim.taskVTable());
            t.context = new Context(t.waker, sim.handle());
            record(t, FaultKind.FRESH_WAKER.key(), "poll #" + (t.polls + 1) + " gets waker #" + t.wakerGeneration
                    + "; older wakers of the task no longer work");
        }
    }

    /**
     * Before an inner future of the current task (a combinator's child, an async body's awaited
     * future) is polled: may move it to a copy ({@code relocate}), which its owner polls instead.
     */
    <T> Future<T> beforeInnerPoll(Future<T> inner) {
        if (!active) {
            return inner;   // first: every await of an async body passes here
        }
        Task t = sim.tasks().current();
        if (t == null || !on(FaultKind.RELOCATE) || !MoveInjection.eligible(inner)
                || !draw(FaultKind.RELOCATE)) {
            return inner;
        }
        if (dryMoves) {
            MoveInjection.relocateDry(sim, t);
            return inner;
        }
        try {
            Future<T> moved = MoveInjection.relocateInner(sim, t, inner);
            if (moved != inner) {
                innerMoves.add(new Object[] {inner, moved});
            }
            return moved;
        } catch (RuntimeException e) {
            if (!sim.errors().isContractViolation(e)) {
                throw e;
            }
            throw remember(e);
        }
    }

    /** After an inner future of the current task returned {@code Ready}: the fused check. */
    void afterInnerReady(Future<?> inner) {
        if (!active) {
            return;
        }
        Task t = sim.tasks().current();
        if (t != null && on(FaultKind.POLL_AFTER_READY) && inner instanceof FusedFuture<?> fused
                && draw(FaultKind.POLL_AFTER_READY)) {
            try {
                FusedCheck.pollAgain(sim, t, fused, "the inner future " + inner.getClass().getSimpleName()
                        + " of task " + t);
            } catch (RuntimeException e) {
                if (!sim.errors().isContractViolation(e)) {
                    throw e;
                }
                throw remember(e);
            }
        }
    }

    /**
     * A violation found at an inner poll site, thrown through the user's code: the task's poll
     * throws it when it returns, even if a combinator or the body caught it on the way.
     */
    private RuntimeException remember(RuntimeException e) {
        if (innerViolation == null) {
            innerViolation = e;
        }
        return e;
    }

    /**
     * After a poll of {@code t} returned or threw: checks the inner futures it moved (now that their
     * owners hold the copies), then throws the violation an inner poll site found, if any.
     */
    void afterPoll(Task t) {
        if (!innerMoves.isEmpty()) {
            List<Object[]> moves = new ArrayList<>(innerMoves);
            innerMoves.clear();
            for (Object[] m : moves) {
                try {
                    MoveInjection.checkInner(sim, t, m[0], m[1]);
                } catch (RuntimeException e) {
                    if (!sim.errors().isContractViolation(e)) {
                        throw e;
                    }
                    remember(e);
                }
            }
        }
        RuntimeException e = innerViolation;
        if (e != null) {
            innerViolation = null;
            throw e;
        }
    }

    /** After {@code t} returned {@code Ready}, before it finishes: the fused check. */
    void afterReady(Task t) {
        if (active && on(FaultKind.POLL_AFTER_READY) && FusedCheck.applies(t) && draw(FaultKind.POLL_AFTER_READY)) {
            FusedCheck.pollAgain(sim, t);
        }
    }

    /**
     * Nothing is runnable: delivers every held wake, or else may poll a waiting task spuriously.
     *
     * @return whether anything was done (the loop should look at the run queue again)
     */
    boolean whenIdle() {
        if (!active) {
            return false;
        }
        if (deliverHeld(true)) {
            return true;
        }
        return on(FaultKind.SPURIOUS_POLL) && spuriousCredit > 0 && injectSpuriousPoll();
    }

    // ---------------------------------------------------------------- wakes

    /**
     * Whether the wake of {@code t} is held back ({@code delay-wake}) instead of delivered now.
     * Only wakes that would schedule the task are held.
     */
    boolean holdWake(Task t, String how) {
        if (!active || !on(FaultKind.DELAY_WAKE) || "fault".equals(how)
                || (t.state != Task.IDLE && t.state != Task.RUNNING) || !draw(FaultKind.DELAY_WAKE)) {
            return false;
        }
        int delay = (int) sim.choices().between(1, plan.maxWakeDelay());
        held.add(new HeldWake(t, sim.step() + delay, false));
        record(t, FaultKind.DELAY_WAKE.key(), "wake held for " + delay + (delay == 1 ? " step" : " steps")
                + ", until step " + (sim.step() + delay));
        return true;
    }

    /** After a wake of {@code t} was delivered: earns a spurious-poll credit, and may duplicate it. */
    void afterWake(Task t, String how, boolean scheduled) {
        if (!active || "fault".equals(how) || !scheduled) {
            return;
        }
        spuriousCredit = Math.min(spuriousCredit + 1, MAX_SPURIOUS_CREDIT);
        if (on(FaultKind.DUPLICATE_WAKE) && draw(FaultKind.DUPLICATE_WAKE)) {
            int delay = (int) sim.choices().between(1, plan.maxWakeDelay());
            held.add(new HeldWake(t, sim.step() + delay, true));
            record(t, FaultKind.DUPLICATE_WAKE.key(), "the wake is delivered again at step " + (sim.step() + delay)
                    + " or once the task is waiting again");
        }
    }

    /** A waker of an older generation of {@code t} was woken: ignored, and remembered for diagnosis. */
    void staleWake(Task t, int generation) {
        t.staleWakeStep = sim.step();
        t.staleWakeGeneration = generation;
        record(t, "stale-waker", "woken through waker #" + generation + " but the latest is #" + t.wakerGeneration
                + ": the wake is ignored (only the waker of the latest poll must work)");
    }

    /** {@link RuntimeHandle#buggify(String)}. */
    boolean buggify(String site) {
        return buggify.fires(site);
    }

    // ---------------------------------------------------------------- helpers

    private boolean deliverHeld(boolean all) {
        boolean delivered = false;
        long now = sim.step();
        for (int i = 0; i < held.size(); ) {
            HeldWake w = held.get(i);
            boolean queued = w.task().state != Task.IDLE && !w.task().isDone();
            if (all || (w.dueStep() <= now && !(w.duplicate() && queued))) {
                held.remove(i);
                sim.tasks().wake(w.task(), "fault");
                delivered = true;
            } else {
                i++;
            }
        }
        return delivered;
    }

    private boolean injectSpuriousPoll() {
        List<Task> waiting = new ArrayList<>();
        for (Task t : sim.tasks().live()) {
            if (t.state == Task.IDLE && t.lastPendingStep >= 0) {
                waiting.add(t);
            }
        }
        if (waiting.isEmpty() || !draw(FaultKind.SPURIOUS_POLL)) {
            return false;
        }
        spuriousCredit--;
        Task t = waiting.get(waiting.size() == 1 ? 0 : sim.choices().choose(waiting.size()));
        record(t, FaultKind.SPURIOUS_POLL.key(), "polled without a wake (its last Pending was at step "
                + t.lastPendingStep + ")");
        sim.tasks().wake(t, "fault");
        return true;
    }

    private boolean on(FaultKind kind) {
        return plan.enabled(kind);
    }

    private boolean draw(FaultKind kind) {
        return kind.coin(sim.choices(), plan.probability(kind));
    }

    private void record(Task t, String kind, String detail) {
        sim.trace().add(new TraceEvent.Fault(sim.step(), sim.nanos(), t.id, t.name, kind, detail));
    }

    /** A wake held back until {@code dueStep}; a duplicate also waits until the task is waiting. */
    private record HeldWake(Task task, long dueStep, boolean duplicate) {}
}
