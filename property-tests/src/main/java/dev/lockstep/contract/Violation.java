package dev.lockstep.contract;

import java.util.List;
import java.util.Objects;

/**
 * One way a future broke its contract, as {@link FutureContract} found it: what was observed, in
 * which (shrunk) run, and what the rule is.
 *
 * <p>One record per {@link ViolationKind}; match them exhaustively:
 * <pre>{@code
 * switch (violation) {
 *     case Violation.ResultMismatch m -> log(m.expected() + " but got " + m.actual());
 *     case Violation.Panic p -> log(p.exception());
 *     default -> log(violation.observed());
 * }
 * }</pre>
 *
 * <p>Every record carries the {@link Witness}: the smallest failing run found, its replay string
 * and the end of its trace. {@link #observed()} says what happened in that run;
 * {@link #explanation()} is the rule and the usual fix.
 */
public sealed interface Violation {

    /** The smallest run found that shows the violation. */
    Witness witness();

    /** The kind of violation. */
    default ViolationKind kind() {
        return switch (this) {
            case LostWakeup v -> ViolationKind.LOST_WAKEUP;
            case DisarmedWakeup v -> ViolationKind.DISARMED_WAKEUP;
            case StaleWaker v -> ViolationKind.STALE_WAKER;
            case SpuriousWakeupIntolerant v -> ViolationKind.SPURIOUS_WAKEUP_INTOLERANT;
            case NotFused v -> ViolationKind.NOT_FUSED;
            case PinViolation v -> ViolationKind.PIN_VIOLATION;
            case BusyWake v -> ViolationKind.BUSY_WAKE;
            case LeakedRegistration v -> ViolationKind.LEAKED_REGISTRATION;
            case ResultMismatch v -> ViolationKind.RESULT_MISMATCH;
            case Panic v -> ViolationKind.PANIC;
        };
    }

    /** What the checker saw in the witness run, in a sentence or a few lines. */
    default String observed() {
        return switch (this) {
            case LostWakeup v -> v.diagnosis();
            case DisarmedWakeup v -> v.diagnosis();
            case StaleWaker v -> v.diagnosis();
            case SpuriousWakeupIntolerant v -> v.what();
            case NotFused v -> v.diagnosis();
            case PinViolation v -> v.diagnosis();
            case BusyWake v -> v.what();
            case LeakedRegistration v -> "cancelled after it returned Pending, its task still had "
                    + v.registrations().size() + (v.registrations().size() == 1 ? " registration:" : " registrations:")
                    + "\n    - " + String.join("\n    - ", v.registrations());
            case ResultMismatch v -> "completed with " + v.actual() + ", expected " + v.expected();
            case Panic v -> "threw " + v.exception() + (v.where().isEmpty() ? "" : " " + v.where());
        };
    }

    /** The rule this violation breaks and the usual fix (the kind's {@link ViolationKind#explanation()}). */
    default String explanation() {
        return kind().explanation();
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }

    /**
     * The run deadlocked with the future's waker stored, but the timer it waited on cancelled, or
     * fired and not set again.
     *
     * @param witness   the smallest run that shows it
     * @param diagnosis the deadlock diagnosis of the future's task and how its timer ended
     */
    record DisarmedWakeup(Witness witness, String diagnosis) implements Violation {
        public DisarmedWakeup {
            Objects.requireNonNull(witness, "witness");
            requireText(diagnosis, "diagnosis");
        }
    }

    /**
     * The run deadlocked with the future's waker held by nothing that could still fire.
     *
     * @param witness   the smallest run that shows it
     * @param diagnosis the deadlock diagnosis of the future's task
     */
    record LostWakeup(Witness witness, String diagnosis) implements Violation {
        public LostWakeup {
            Objects.requireNonNull(witness, "witness");
            requireText(diagnosis, "diagnosis");
        }
    }

    /**
     * The run deadlocked with only a waker of an earlier poll held or woken.
     *
     * @param witness   the smallest run that shows it
     * @param diagnosis the deadlock diagnosis of the future's task
     */
    record StaleWaker(Witness witness, String diagnosis) implements Violation {
        public StaleWaker {
            Objects.requireNonNull(witness, "witness");
            requireText(diagnosis, "diagnosis");
        }
    }

    /**
     * The future completed, or completed wrongly, in a poll without a wake.
     *
     * @param witness the smallest run that shows it
     * @param what    which poll, and what had (not) happened since the last {@code Pending}
     */
    record SpuriousWakeupIntolerant(Witness witness, String what) implements Violation {
        public SpuriousWakeupIntolerant {
            Objects.requireNonNull(witness, "witness");
            requireText(what, "what");
        }
    }

    /**
     * A {@code FusedFuture} misbehaved when polled again after {@code Ready}.
     *
     * @param witness   the smallest run that shows it
     * @param diagnosis what the fused check observed
     */
    record NotFused(Witness witness, String diagnosis) implements Violation {
        public NotFused {
            Objects.requireNonNull(witness, "witness");
            requireText(diagnosis, "diagnosis");
        }
    }

    /**
     * An {@code Unpin} future was moved while something referred to the pre-move instance.
     *
     * @param witness   the smallest run that shows it
     * @param diagnosis the field path of that reference, or the {@code PinViolationException}
     */
    record PinViolation(Witness witness, String diagnosis) implements Violation {
        public PinViolation {
            Objects.requireNonNull(witness, "witness");
            requireText(diagnosis, "diagnosis");
        }
    }

    /**
     * The future woke itself with no progress beyond the bound, or the run hit its step limit.
     *
     * @param witness the smallest run that shows it
     * @param what    the streak of self-wakes, or the step limit reached
     */
    record BusyWake(Witness witness, String what) implements Violation {
        public BusyWake {
            Objects.requireNonNull(witness, "witness");
            requireText(what, "what");
        }
    }

    /**
     * After a cancel, the future's task was still registered.
     *
     * @param witness       the smallest run that shows it
     * @param registrations what still held it, one line each (at least one)
     */
    record LeakedRegistration(Witness witness, List<String> registrations) implements Violation {
        public LeakedRegistration {
            Objects.requireNonNull(witness, "witness");
            registrations = List.copyOf(registrations);
            if (registrations.isEmpty()) {
                throw new IllegalArgumentException("a leaked registration names at least one registration");
            }
        }
    }

    /**
     * The future completed with a value that fails the expectation.
     *
     * @param witness  the smallest run that shows it
     * @param expected the expectation, as given ({@code "equal to 42"}, {@code "matching ..."})
     * @param actual   the value, printed
     */
    record ResultMismatch(Witness witness, String expected, String actual) implements Violation {
        public ResultMismatch {
            Objects.requireNonNull(witness, "witness");
            requireText(expected, "expected");
            Objects.requireNonNull(actual, "actual");
        }
    }

    /**
     * The future threw.
     *
     * @param witness   the smallest run that shows it
     * @param exception what it threw
     * @param where     when: {@code "from poll #3 at t=0.010s"}, {@code "from cancel()"}; may be empty
     */
    record Panic(Witness witness, Throwable exception, String where) implements Violation {
        public Panic {
            Objects.requireNonNull(witness, "witness");
            Objects.requireNonNull(exception, "exception");
            Objects.requireNonNull(where, "where");
        }
    }
}
