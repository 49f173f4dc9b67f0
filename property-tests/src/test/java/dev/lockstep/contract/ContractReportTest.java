package dev.lockstep.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.fault.FaultKind;
import dev.lockstep.fault.FaultPlan;
import dev.lockstep.trace.TraceEvent;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ContractReportTest {
    static final FaultPlan PLAN = FaultPlan.only(FaultKind.SPURIOUS_POLL, 0.5);

    static Witness witness() {
        return new Witness(PLAN, 3, 42L, "lockstep:1:AAE", 9, 2, true, false, 4, 1_000_000,
                List.of(new TraceEvent.Polled(3, 1_000_000, 0, "subject", true)));
    }

    static ContractReport report(List<Violation> violations) {
        PlanSummary plan = new PlanSummary(PLAN, 10, 4, violations.size(),
                violations.isEmpty() ? Map.of() : Map.of(violations.get(0).kind(), violations.size()));
        return new ContractReport("backoff", 7, List.of(plan), violations, Duration.ofMillis(12));
    }

    @Nested
    class AReport {
        @Test
        void thatPassedSaysSoWithItsPlanTable() {
            ContractReport r = report(List.of());
            assertTrue(r.passed());
            assertEquals(10, r.runs());
            r.assertPassed();
            assertEquals("""
                    Contract of future 'backoff': kept in 10 runs (1 fault plan, seed 7, 0.012 s)
                      plan                        runs  cancelled  violating  kinds
                      faults[spurious-poll=0.5]     10          4          0  -
                    """, r.toString());
        }

        @Test
        void listsEachViolationWithWhatWasSeenTheReplayTheRuleAndTheTrace() {
            Violation v = new Violation.SpuriousWakeupIntolerant(witness(), "completed with null in the poll at step 3");
            ContractReport r = report(List.of(v));
            assertEquals(Set.of(ViolationKind.SPURIOUS_WAKEUP_INTOLERANT), r.kinds());
            String s = r.toString();
            assertTrue(s.contains("""
                    SPURIOUS_WAKEUP_INTOLERANT: found under faults[spurious-poll=0.5] in run 3, shrunk from 9 choices to 2
                      observed: completed with null in the poll at step 3
                      at step 4, virtual time 0.001s
                      replay:   FutureContract.of(..).faults(FaultPlan.parse("faults[spurious-poll=0.5]")).replay("lockstep:1:AAE").check()
                      rule:     A wake is a hint, not an event."""), s);
            assertTrue(s.endsWith("  [     3] t=0.001s         poll 'subject'#0 -> Ready\n"), s);
            AssertionError e = assertThrows(AssertionError.class, r::assertPassed);
            assertEquals(s, e.getMessage());
        }

        @Test
        void listsEachKindOnce() {
            Violation v = new Violation.BusyWake(witness(), "spun");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new ContractReport("x", 0, List.of(), List.of(v, v), Duration.ZERO));
            assertTrue(e.getMessage().contains("BUSY_WAKE is there twice"), e.getMessage());
        }
    }

    @Nested
    class AViolation {
        @Test
        void namesItsKindAndExplainsTheRule() {
            Violation v = new Violation.LeakedRegistration(witness(), List.of("timer @0.010s set by 'a'#0 is still pending"));
            assertEquals(ViolationKind.LEAKED_REGISTRATION, v.kind());
            assertEquals(ViolationKind.LEAKED_REGISTRATION.explanation(), v.explanation());
            assertEquals("cancelled after it returned Pending, its task still had 1 registration:\n"
                    + "    - timer @0.010s set by 'a'#0 is still pending", v.observed());
        }

        @Test
        void isRejectedWithoutWhatWasObserved() {
            assertThrows(IllegalArgumentException.class, () -> new Violation.LostWakeup(witness(), " "));
            assertThrows(IllegalArgumentException.class, () -> new Violation.LeakedRegistration(witness(), List.of()));
            assertThrows(NullPointerException.class, () -> new Violation.Panic(witness(), null, ""));
        }

        @Test
        void ofEveryKindHasAnExplanationThatStatesARuleAndAFix() {
            for (ViolationKind k : ViolationKind.values()) {
                assertTrue(k.explanation().length() > 400 && k.explanation().contains("The fix"), k.name());
            }
        }
    }

    @Nested
    class AWitness {
        @Test
        void printsHowToReplayIt() {
            assertEquals(".faults(FaultPlan.parse(\"faults[spurious-poll=0.5]\")).replay(\"lockstep:1:AAE\")",
                    witness().howToReplay());
        }

        @Test
        void needsAReplayStringAndNonNegativeCounts() {
            assertThrows(IllegalArgumentException.class,
                    () -> new Witness(PLAN, 0, 0, "AAE", 0, 0, true, false, 0, 0, List.of()));
            assertThrows(IllegalArgumentException.class,
                    () -> new Witness(PLAN, -1, 0, "lockstep:1:", 0, 0, true, false, 0, 0, List.of()));
        }
    }

    @Nested
    class APlanSummary {
        @Test
        void countsEveryViolatingRunByKind() {
            PlanSummary p = new PlanSummary(PLAN, 10, 2, 3, Map.of(ViolationKind.PANIC, 1, ViolationKind.LOST_WAKEUP, 2));
            assertEquals("LOST_WAKEUP x2, PANIC x1", p.describeKinds());
            assertThrows(IllegalArgumentException.class, () -> new PlanSummary(PLAN, 10, 2, 3, Map.of()));
            assertThrows(IllegalArgumentException.class, () -> new PlanSummary(PLAN, 1, 2, 0, Map.of()));
        }
    }
}
