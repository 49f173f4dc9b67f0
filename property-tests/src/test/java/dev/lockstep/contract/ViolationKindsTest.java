package dev.lockstep.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.contract.offenders.Backoff;
import dev.lockstep.contract.offenders.Deadline;
import dev.lockstep.contract.offenders.FanOut;
import dev.lockstep.contract.offenders.FlagWaiter;
import dev.lockstep.contract.offenders.FrameReader;
import dev.lockstep.contract.offenders.ConditionWait;
import dev.lockstep.contract.offenders.Debounce;
import dev.lockstep.contract.offenders.Latch;
import dev.lockstep.contract.offenders.LineParser;
import dev.lockstep.contract.offenders.Mailbox;
import dev.lockstep.contract.offenders.Oneshot;
import java.nio.BufferUnderflowException;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Each kind of violation is found in a realistic hand-written future that has the bug, and not in
 * its fixed twin, which differs only in the bug (see {@code offenders}). The witness of each kind
 * replays to the same kind.
 */
class ViolationKindsTest {

    /** Checks the buggy future, asserts it broke exactly {@code kinds}, and returns the violation of {@code main}. */
    static Violation shows(Function<Boolean, FutureContract<?>> offender, ViolationKind main, ViolationKind... more) {
        ContractReport report = offender.apply(false).check();
        Set<ViolationKind> expected = EnumSet.of(main, more);
        assertEquals(expected, report.kinds(), report::toString);
        Violation v = report.violation(main).orElseThrow();
        Witness w = v.witness();
        assertTrue(w.reproduced(), report::toString);
        assertTrue(w.shrunkChoices() <= w.foundChoices(), report::toString);
        ContractReport replayed = offender.apply(false).faults(w.plan()).replay(w.replay()).check();
        assertEquals(Set.of(main), replayed.kinds(), "the witness replays to the same kind\n" + replayed);
        assertEquals(1, replayed.runs());
        return v;
    }

    static void fixedTwinKeepsTheContract(Function<Boolean, FutureContract<?>> offender) {
        ContractReport report = offender.apply(true).check();
        assertTrue(report.passed(), report::toString);
    }

    @Nested
    class LostWakeup {
        @Test
        void isFoundInAMailboxThatStoresTheReceiversWakerOnlyOnce() {
            // Keeping the first waker is also a stale waker under fresh wakers: the same flag causes both.
            Violation v = shows(Mailbox::contract, ViolationKind.LOST_WAKEUP, ViolationKind.STALE_WAKER);
            assertInstanceOf(Violation.LostWakeup.class, v);
            assertTrue(v.observed().startsWith("deadlocked: task 'take'#1 is blocked;"), v.observed());
            assertTrue(v.observed().contains("LOST WAKEUP"), v.observed());
        }

        @Test
        void isNotFoundInTheMailboxThatStoresItOnEveryWait() {
            fixedTwinKeepsTheContract(Mailbox::contract);
        }
    }

    @Nested
    class DisarmedWakeup {
        @Test
        void isFoundInADebounceThatReChecksItsDeadlineOnlyOnItsOwnTimersWake() {
            Violation v = shows(Debounce::contract, ViolationKind.DISARMED_WAKEUP);
            assertInstanceOf(Violation.DisarmedWakeup.class, v);
            assertTrue(v.observed().contains("fired at step") && v.observed().contains("no new one was set"),
                    v.observed());
            assertTrue(v.explanation().contains("arm a timer for the new deadline"), v.explanation());
        }

        @Test
        void isNotFoundInTheDebounceThatReChecksOnEveryPoll() {
            fixedTwinKeepsTheContract(Debounce::contract);
        }
    }

    @Nested
    class ConditionWaitWithIf {
        @Test
        void throwingInAPollNobodyWokeIsSpuriousWakeupIntoleranceNotAPanic() {
            Violation v = shows(ConditionWait::contract, ViolationKind.SPURIOUS_WAKEUP_INTOLERANT);
            assertTrue(v.observed().startsWith("threw java.lang.IllegalStateException: take was woken but the slot"
                    + " is empty in the poll at step"), v.observed());
        }

        @Test
        void isNotFoundInTheWaitThatReChecks() {
            fixedTwinKeepsTheContract(ConditionWait::contract);
        }
    }

    @Nested
    class StaleWaker {
        @Test
        void isFoundInALatchThatKeepsTheFirstWaker() {
            Violation v = shows(Latch::contract, ViolationKind.STALE_WAKER);
            assertTrue(v.observed().contains("STALE WAKER"), v.observed());
            assertTrue(v.witness().plan().toString().contains("fresh-waker")
                    || v.witness().plan().toString().contains("swarm"), v.witness().plan().toString());
        }

        @Test
        void isNotFoundInTheLatchThatReplacesIt() {
            fixedTwinKeepsTheContract(Latch::contract);
        }
    }

    @Nested
    class SpuriousWakeupIntolerant {
        @Test
        void isFoundInABackoffThatTakesAnyPollAsTheTimerFiring() {
            Violation v = shows(Backoff::contract, ViolationKind.SPURIOUS_WAKEUP_INTOLERANT);
            assertTrue(v.observed().startsWith("completed with null in the poll at step"), v.observed());
            assertTrue(v.observed().contains("which nothing prompted"), v.observed());
            assertTrue(v.witness().trace().stream().anyMatch(e -> e.describe().startsWith("fault spurious-poll")
                    || e.describe().startsWith("fault duplicate-wake")), v.witness().formatTrace());
        }

        @Test
        void isNotFoundInTheBackoffThatComparesTheClock() {
            fixedTwinKeepsTheContract(Backoff::contract);
        }
    }

    @Nested
    class NotFused {
        @Test
        void isFoundInAOneshotReceiverThatReturnsItsValueAgain() {
            Violation v = shows(Oneshot::contract, ViolationKind.NOT_FUSED);
            assertTrue(v.observed().contains("the extra poll returned Ready(42) again"), v.observed());
        }

        @Test
        void isNotFoundInTheReceiverThatChecksItsDoneFlagFirst() {
            fixedTwinKeepsTheContract(Oneshot::contract);
        }
    }

    @Nested
    class PinViolation {
        @Test
        void isFoundInAnUnpinParserWhoseListenerCapturesIt() {
            Violation v = shows(LineParser::contract, ViolationKind.PIN_VIOLATION);
            assertTrue(v.observed().contains("LineParser.listener.<captured 1>"), v.observed());
        }

        @Test
        void isNotFoundInTheParserWhoseListenerWritesIntoASharedSlot() {
            fixedTwinKeepsTheContract(LineParser::contract);
        }
    }

    @Nested
    class BusyWake {
        @Test
        void isFoundInAWaiterThatSpinsOnAFlag() {
            Violation v = shows(FlagWaiter::contract, ViolationKind.BUSY_WAKE);
            assertTrue(v.observed().startsWith("the run reached its step limit of 5000 polls"), v.observed());
            assertTrue(v.observed().contains("it woke itself and returned Pending on each of its last"), v.observed());
        }

        @Test
        void isNotFoundInTheWaiterThatRegistersWithTheFlag() {
            fixedTwinKeepsTheContract(FlagWaiter::contract);
        }
    }

    @Nested
    class LeakedRegistration {
        @Test
        void isFoundInAHandWrittenSleepThatIsNotCancellable() {
            Violation v = shows(Deadline::contract, ViolationKind.LEAKED_REGISTRATION);
            Violation.LeakedRegistration leak = assertInstanceOf(Violation.LeakedRegistration.class, v);
            assertTrue(leak.witness().cancelled());
            assertEquals("timer @0.020s set by 'deadline'#0 is still pending (neither fired nor cancelled)",
                    leak.registrations().get(0));
        }

        @Test
        void isNotFoundInTheSleepThatCancelsItsTimer() {
            fixedTwinKeepsTheContract(Deadline::contract);
        }
    }

    @Nested
    class ResultMismatch {
        @Test
        void isFoundInAFanOutThatJoinsAnswersInArrivalOrder() {
            Violation v = shows(FanOut::contract, ViolationKind.RESULT_MISMATCH);
            Violation.ResultMismatch m = assertInstanceOf(Violation.ResultMismatch.class, v);
            assertEquals("equal to \"a,b,c\"", m.expected());
            assertTrue(!m.actual().equals("\"a,b,c\"") && m.actual().length() == 7, m.actual());
        }

        @Test
        void isNotFoundInTheFanOutThatStoresAnswersByReplica() {
            fixedTwinKeepsTheContract(FanOut::contract);
        }
    }

    @Nested
    class Panic {
        @Test
        void isFoundInAFrameReaderThatAssumesFullReads() {
            Violation v = shows(FrameReader::contract, ViolationKind.PANIC);
            Violation.Panic p = assertInstanceOf(Violation.Panic.class, v);
            assertInstanceOf(BufferUnderflowException.class, p.exception());
            assertTrue(p.where().startsWith("from poll at step"), p.where());
            assertTrue(v.witness().trace().stream().anyMatch(e -> e.describe().contains("pipe.short-read")),
                    v.witness().formatTrace());
        }

        @Test
        void isNotFoundInTheReaderThatReadsUntilTheHeaderIsFull() {
            fixedTwinKeepsTheContract(FrameReader::contract);
        }
    }
}
