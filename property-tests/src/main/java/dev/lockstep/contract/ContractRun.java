package dev.lockstep.contract;

import dev.lockstep.future.Future;
import dev.lockstep.future.Futures;
import dev.lockstep.future.JoinHandle;
import dev.lockstep.future.Poll;
import dev.lockstep.pin.PinViolationException;
import dev.lockstep.runtime.ContractViolationException;
import dev.lockstep.runtime.DeadlockException;
import dev.lockstep.runtime.NondeterminismException;
import dev.lockstep.runtime.Registrations;
import dev.lockstep.runtime.Simulation;
import dev.lockstep.runtime.SimulationException;
import dev.lockstep.runtime.StepLimitException;
import dev.lockstep.runtime.TaskAbortedException;
import dev.lockstep.runtime.TaskFailedException;
import dev.lockstep.trace.TraceEvent;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * One run of the checker on one simulation: the future as a task of its own, perhaps cancelled
 * mid-flight, and the one violation (if any) the run shows.
 *
 * <h2>The run</h2>
 * <ol>
 *   <li>Draws from the run's choices (after a swarm run's plan): whether to cancel, with
 *       probability {@value #CANCEL_PROBABILITY}, and if so after which {@code Pending}: the first,
 *       or with probability 1/2 a later one (each step 1/2 again, at most the
 *       {@value #MAX_CANCEL_AFTER}rd). They are part of the replay string; all zeros mean no cancel.
 *   <li>A fresh future from the factory (which may spawn the tasks that feed it), spawned as the
 *       task named by {@link FutureContract#name}; {@code blockOn} awaits its handle.
 *   <li>In a cancelled run the task is aborted right after that {@code Pending} ({@link CancelPoint}),
 *       and {@link Registrations#heldFor} lists what it still holds.
 * </ol>
 *
 * <h2>Verdict</h2>
 * At most one kind per run, in this order: the simulation's own findings (a deadlock is a stale
 * waker when only an older waker was held or a wake went to one, else a lost wakeup; the fused
 * check; move injection; the step limit is a busy wake), an exception of the task (panic),
 * registrations after a cancel (leak), then from the trace and the value: an unprompted
 * completion, a value failing the expectation (in a run with an unprompted poll that is
 * spurious-wakeup intolerance, otherwise a result mismatch), and a self-wake streak over the bound.
 */
final class ContractRun<T> {
    static final double CANCEL_PROBABILITY = 0.4;
    static final int MAX_CANCEL_AFTER = 3;
    /** Trace events kept for a witness. */
    static final int TRACE_TAIL = 30;

    private final Function<? super Simulation, ? extends Future<T>> factory;
    private final String name;
    private final Expectation<T> expectation;
    private final int maxSelfWakes;
    /** The future of the run before, to reject a factory that hands out the same one again. */
    private Future<T> previous;

    ContractRun(Function<? super Simulation, ? extends Future<T>> factory, String name, Expectation<T> expectation,
            int maxSelfWakes) {
        this.factory = Objects.requireNonNull(factory, "factory");
        this.name = Objects.requireNonNull(name, "name");
        this.expectation = Objects.requireNonNull(expectation, "expectation");
        this.maxSelfWakes = maxSelfWakes;
    }

    /**
     * A violation seen in a run.
     *
     * @param kind      its kind
     * @param step      polls made when it was seen
     * @param nanos     virtual time then
     * @param violation the violation, given the witness of the (shrunk) run
     * @param byValue   whether the kind is a spurious-wakeup intolerance inferred only from a wrong
     *                  value in a run with an unprompted poll: the engine counts it as a result
     *                  mismatch if runs without such polls show wrong values too
     */
    record Finding(ViolationKind kind, long step, long nanos, Function<Witness, Violation> violation, boolean byValue) {
        Finding {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(violation, "violation");
            if (byValue && kind != ViolationKind.SPURIOUS_WAKEUP_INTOLERANT) {
                throw new IllegalArgumentException("only a spurious-wakeup intolerance is inferred from a value, not " + kind);
            }
        }

        Finding(ViolationKind kind, long step, long nanos, Function<Witness, Violation> violation) {
            this(kind, step, nanos, violation, false);
        }
    }

    /**
     * What a run showed.
     *
     * @param cancelled whether the future was cancelled mid-flight (a run drawn to cancel it after its
     *                  {@code n}-th {@code Pending} is not, if it completed before)
     * @param finding   the violation, or {@code null} if the run kept the contract
     * @param trace     the last {@value #TRACE_TAIL} events of the run when it was judged
     */
    record Outcome(boolean cancelled, Finding finding, List<TraceEvent> trace) {
        Outcome {
            trace = List.copyOf(trace);
        }
    }

    /**
     * Runs once on {@code sim}.
     *
     * @throws IllegalStateException when the run cannot be judged: the factory or the expectation
     *                               threw, or a real thread reached into the simulation
     */
    Outcome run(Simulation sim) {
        boolean cancel = sim.choices().chance(CANCEL_PROBABILITY);
        int cancelAfter = 0;
        if (cancel) {
            // After the first Pending in half of these runs: many futures return Pending only once.
            cancelAfter = 1;
            while (cancelAfter < MAX_CANCEL_AFTER && sim.choices().chance(0.5)) {
                cancelAfter++;
            }
        }
        Future<T> future = make(sim);
        CancelPoint<T> point = cancel ? new CancelPoint<>(future, cancelAfter) : null;
        JoinHandle<T> task = sim.spawn(name, point != null ? point : future);
        if (point != null) {
            point.bind(task);
        }
        try {
            return judge(sim, task, point);
        } finally {
            // Tasks that fed the future may still run (or wait, holding an async body's thread): end them.
            sim.shutdown();
        }
    }

    private Outcome judge(Simulation sim, JoinHandle<T> task, CancelPoint<T> point) {
        Object ended;
        try {
            ended = sim.blockOn(awaitEnd(task));
        } catch (NondeterminismException e) {
            throw realThread(e);
        } catch (SimulationException e) {
            if (e instanceof TaskFailedException && e.getCause() instanceof NondeterminismException n) {
                throw realThread(n);
            }
            return outcome(sim, point != null && point.cancelling(), judge(e, sim, task, point));
        }
        if (ended instanceof TaskAbortedException aborted) {
            if (point == null || !point.cancelling()) {
                throw new IllegalStateException("task " + aborted.taskName() + " was aborted, but not by the checker:"
                        + " " + aborted.getMessage(), aborted);
            }
            return outcome(sim, true, leaks(sim, task));
        }
        @SuppressWarnings("unchecked")
        T value = (T) ended;
        return outcome(sim, false, judge(value, sim, task));
    }

    private static Outcome outcome(Simulation sim, boolean cancelled, Finding finding) {
        return new Outcome(cancelled, finding, finding == null ? List.of() : sim.trace().tail(TRACE_TAIL));
    }

    /**
     * The checker's root: awaits the task, and ends with the {@link TaskAbortedException} as its value
     * when the task was aborted. So {@code blockOn} returns normally and does not cancel the tasks
     * still running (the ones that feed the future), in which the leak check looks for its waker.
     */
    private static Future<Object> awaitEnd(JoinHandle<?> task) {
        return Futures.pollFn(cx -> {
            try {
                Poll<?> p = task.poll(cx);
                return p.isReady() ? Poll.ready(p.value()) : Poll.pending();
            } catch (TaskAbortedException aborted) {
                return Poll.ready(aborted);
            }
        });
    }

    private IllegalStateException realThread(NondeterminismException e) {
        return new IllegalStateException("the future of '" + name + "' cannot be checked: a real thread reached into"
                + " the simulation, so its runs cannot be replayed; drive it from simulation tasks only. "
                + e.getMessage(), e);
    }

    private Future<T> make(Simulation sim) {
        Future<T> future;
        try {
            future = factory.apply(sim);
        } catch (RuntimeException e) {
            throw new IllegalStateException("the factory given to FutureContract.of threw " + e, e);
        }
        if (future == null) {
            throw new IllegalStateException("the factory given to FutureContract.of returned null; it must return a"
                    + " new future on every call");
        }
        if (future == previous) {
            throw new IllegalStateException("the factory given to FutureContract.of returned the same future ("
                    + future + ") for two runs; it must return a new future on every call, so write"
                    + " FutureContract.of(() -> makeIt()) rather than passing a future made once");
        }
        previous = future;
        return future;
    }

    private Finding judge(SimulationException e, Simulation sim, JoinHandle<T> task, CancelPoint<T> point) {
        long step = e.step();
        long nanos = e.nanos();
        String message = firstLines(e.getMessage());
        return switch (e) {
            case DeadlockException d when d.hasStaleWaker() -> new Finding(ViolationKind.STALE_WAKER, step, nanos,
                    w -> new Violation.StaleWaker(w, blockedLine(message, task)));
            case DeadlockException d -> {
                SubjectTrace subject = new SubjectTrace(sim.trace(), task.id());
                long staleWake = subject.staleWakeStep();
                boolean wakerHeld = d.blocked().stream().anyMatch(b -> b.id() == task.id() && !b.lostWakeup());
                if (staleWake < 0 && wakerHeld && !subject.disarmedTimer().isEmpty()) {
                    String diagnosis = blockedLine(message, task) + "; " + subject.disarmedTimer()
                            + ", so the wait that was to end at a deadline has nothing left to end it";
                    yield new Finding(ViolationKind.DISARMED_WAKEUP, step, nanos,
                            w -> new Violation.DisarmedWakeup(w, diagnosis));
                }
                if (staleWake < 0) {
                    yield new Finding(ViolationKind.LOST_WAKEUP, step, nanos,
                            w -> new Violation.LostWakeup(w, blockedLine(message, task)));
                }
                // Its latest waker is held, but the wake meant for it went to an older one it also left registered.
                String diagnosis = blockedLine(message, task) + "; the wake that would have ended the wait went to"
                        + " the waker of an earlier poll at step " + staleWake + " and was ignored: the future"
                        + " registered its new waker next to the old one instead of replacing it";
                yield new Finding(ViolationKind.STALE_WAKER, step, nanos, w -> new Violation.StaleWaker(w, diagnosis));
            }
            case ContractViolationException c when c.kind() == ContractViolationException.Kind.NOT_FUSED ->
                    new Finding(ViolationKind.NOT_FUSED, step, nanos, w -> new Violation.NotFused(w, message));
            case ContractViolationException c ->
                    new Finding(ViolationKind.PIN_VIOLATION, step, nanos, w -> new Violation.PinViolation(w, message));
            case StepLimitException s -> new Finding(ViolationKind.BUSY_WAKE, step, nanos,
                    w -> new Violation.BusyWake(w, stepLimit(sim, task)));
            case TaskFailedException f when f.getCause() instanceof PinViolationException pin ->
                    new Finding(ViolationKind.PIN_VIOLATION, step, nanos, w -> new Violation.PinViolation(w,
                            firstLines(pin.getMessage())));
            case TaskFailedException f when f.taskId() == task.id()
                    && new SubjectTrace(sim.trace(), task.id()).lastPollUnprompted() >= 0 -> {
                Throwable thrown = f.getCause() != null ? f.getCause() : f;
                long at = new SubjectTrace(sim.trace(), task.id()).lastPollUnprompted();
                String what = "threw " + thrown + " in the poll at step " + at + ", which nobody woke it for (a"
                        + " poll without a wake, or a wake delivered twice): a wait that trusts its wake";
                yield new Finding(ViolationKind.SPURIOUS_WAKEUP_INTOLERANT, step, nanos,
                        w -> new Violation.SpuriousWakeupIntolerant(w, what));
            }
            case TaskFailedException f -> {
                Throwable thrown = f.getCause() != null ? f.getCause() : f;
                String where = f.taskId() != task.id() ? "in task '" + f.taskName() + "' (started for the future)"
                        : point != null && point.cancelling() ? "from cancel()"
                        : "from poll at step " + step + ", t=" + Witness.time(nanos);
                yield new Finding(ViolationKind.PANIC, step, nanos, w -> new Violation.Panic(w, thrown, where));
            }
            default -> new Finding(ViolationKind.PANIC, step, nanos, w -> new Violation.Panic(w, e,
                    "(the run failed: " + e.getClass().getSimpleName() + ")"));
        };
    }

    private Finding leaks(Simulation sim, JoinHandle<T> task) {
        List<String> held = Registrations.heldFor(sim, task);
        if (held.isEmpty()) {
            return null;
        }
        return new Finding(ViolationKind.LEAKED_REGISTRATION, sim.step(), sim.nanos(),
                w -> new Violation.LeakedRegistration(w, held));
    }

    private Finding judge(T value, Simulation sim, JoinHandle<T> task) {
        SubjectTrace trace = new SubjectTrace(sim.trace(), task.id());
        long step = sim.step();
        long nanos = sim.nanos();
        if (trace.unpromptedCompletion() != null) {
            String what = "completed with " + Expectation.show(value) + " " + trace.unpromptedCompletion();
            return new Finding(ViolationKind.SPURIOUS_WAKEUP_INTOLERANT, step, nanos,
                    w -> new Violation.SpuriousWakeupIntolerant(w, what));
        }
        if (!expectation.accepts(value)) {
            String actual = Expectation.show(value);
            if (trace.firstUnpromptedStep() >= 0) {
                String what = "completed with " + actual + ", expected " + expectation.description()
                        + ", in a run where it was polled without a wake (at step " + trace.firstUnpromptedStep()
                        + "); in runs without such polls its values were right";
                return new Finding(ViolationKind.SPURIOUS_WAKEUP_INTOLERANT, step, nanos,
                        w -> new Violation.SpuriousWakeupIntolerant(w, what), true);
            }
            return new Finding(ViolationKind.RESULT_MISMATCH, step, nanos,
                    w -> new Violation.ResultMismatch(w, expectation.description(), actual));
        }
        if (trace.longestStreak() > maxSelfWakes) {
            String what = "woke itself and returned Pending on " + trace.longestStreak() + " consecutive polls (the"
                    + " bound is " + maxSelfWakes + ") with no timer firing and the clock standing still, ending at "
                    + trace.longestStreakEnd();
            return new Finding(ViolationKind.BUSY_WAKE, step, nanos, w -> new Violation.BusyWake(w, what));
        }
        return null;
    }

    /** The deadlock diagnosis of the future's task alone (the checker's own root task is noise), or all of it. */
    private static String blockedLine(String diagnosis, JoinHandle<?> task) {
        String prefix = "  - task '" + task.name() + "'#" + task.id() + ": ";
        for (String line : diagnosis.split("\n")) {
            if (line.startsWith(prefix)) {
                return "deadlocked: task '" + task.name() + "'#" + task.id() + " is blocked; "
                        + line.substring(prefix.length());
            }
        }
        return diagnosis;
    }

    /** What the future did until the step limit: how long it had been waking itself. */
    private static String stepLimit(Simulation sim, JoinHandle<?> task) {
        int streak = new SubjectTrace(sim.trace(), task.id()).finalStreak();
        return "the run reached its step limit of " + sim.step() + " polls without the future completing; "
                + (streak > 0 ? "it woke itself and returned Pending on each of its last " + streak + " polls, while"
                + " the clock stood still at " + Witness.time(sim.nanos())
                : "it did not wake itself at the end, so another task kept the run busy, or the future's events kept"
                + " coming without it completing");
    }

    /** The message up to its trace listing: the diagnosis, without the step/replay lines the witness has. */
    private static String firstLines(String message) {
        String m = message == null ? "" : message;
        for (String cut : List.of("\nlast events:", "\n  at step ")) {
            int i = m.indexOf(cut);
            if (i >= 0) {
                m = m.substring(0, i);
            }
        }
        return m.isBlank() ? "(no message)" : m.strip();
    }
}
