package dev.lockstep.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.contract.offenders.Deadline;
import dev.lockstep.contract.offenders.FanOut;
import dev.lockstep.contract.offenders.FrameReader;
import dev.lockstep.contract.offenders.Latch;
import dev.lockstep.fault.FaultKind;
import dev.lockstep.fault.FaultPlan;
import dev.lockstep.future.Cancellable;
import dev.lockstep.future.Context;
import dev.lockstep.future.Future;
import dev.lockstep.future.Futures;
import dev.lockstep.future.Poll;
import dev.lockstep.future.Waker;
import dev.lockstep.interop.Interop;
import dev.lockstep.runtime.NondeterminismException;
import dev.lockstep.time.Sleep;
import java.nio.BufferUnderflowException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class FutureContractTest {

    static FutureContract<Void> sleep() {
        return FutureContract.of(() -> Sleep.of(Duration.ofMillis(5))).expect(null);
    }

    /** Completes, once a flag is raised, with how many times it was polled: a value that counts wakes. */
    static final class PollCounter implements Future<Integer>, Cancellable {
        boolean raised;
        Waker waiter;
        int polls;

        boolean raise() {
            raised = true;
            if (waiter != null) {
                waiter.wake();
            }
            return true;
        }

        @Override
        public Poll<Integer> poll(Context cx) {
            polls++;
            if (raised) {
                return Poll.ready(polls);
            }
            waiter = cx.waker();
            return Poll.pending();
        }

        @Override
        public void cancel() {
            waiter = null;
        }
    }

    /** A task raises the counter's flag after 1 ms: polled once before and once after, it returns 2. */
    static FutureContract<Integer> pollCounter() {
        return FutureContract.of(sim -> {
            PollCounter counter = new PollCounter();
            sim.spawn("raiser", Sleep.of(Duration.ofMillis(1)).map(v -> counter.raise()));
            return counter;
        }).expect(2);
    }

    /** A future that waits for a worker task to yield {@code yields} times, waking itself on every poll meanwhile. */
    static FutureContract<String> spinner(int yields) {
        return FutureContract.of(sim -> {
            boolean[] done = {false};
            int[] left = {yields};
            sim.spawn("worker", Futures.pollFn(cx -> {
                if (left[0]-- > 0) {
                    cx.waker().wakeByRef();
                    return Poll.pending();
                }
                done[0] = true;
                return Poll.ready(null);
            }));
            return Futures.pollFn(cx -> {
                if (done[0]) {
                    return Poll.ready("done");
                }
                cx.waker().wakeByRef();
                return Poll.pending();
            });
        }).expect("done").faults(FaultPlan.none());
    }

    @Nested
    class AFutureThatKeepsTheContract {
        @Test
        void passesEveryDefaultPlanWithTheRunsAsked() {
            ContractReport report = sleep().runs(50).check();
            assertTrue(report.passed(), report::toString);
            assertEquals(FutureContract.defaultPlans(), report.plans().stream().map(PlanSummary::plan).toList());
            assertTrue(report.plans().stream().allMatch(p -> p.runs() == 50 && p.violating() == 0), report::toString);
            assertEquals(500, report.runs());
            assertTrue(report.toString().startsWith("Contract of future 'subject': kept in 500 runs (10 fault plans"),
                    report.toString());
            assertTrue(report.toString().contains("  faults[spurious-poll=0.3, fresh-waker=0.5] "), report.toString());
        }

        @Test
        void isCancelledAtItsOnlyPendingInAFifthOfTheRuns() {
            ContractReport report = sleep().runs(300).faults(FaultPlan.none()).check();
            int cancelled = report.plans().get(0).cancelledRuns();
            assertTrue(cancelled > 35 && cancelled < 90, "cancelled " + cancelled + " of 300: 40% drawn, half of"
                    + " them at the first Pending, the only one a sleep has");
        }

        @Test
        void assertHoldsReturnsTheReport() {
            ContractReport report = sleep().runs(10).assertHolds();
            assertTrue(report.passed());
            assertEquals(100, report.runs());
        }
    }

    @Nested
    class AFutureThatBreaksIt {
        @Test
        void failsAssertHoldsWithTheReportAsTheMessage() {
            AssertionError e = assertThrows(AssertionError.class, () -> Deadline.contract(false).runs(20).assertHolds());
            String m = e.getMessage();
            assertTrue(m.startsWith("Contract of future 'deadline': BROKEN (1 kind of violation, "), m);
            assertTrue(m.contains("LEAKED_REGISTRATION: found under faults[none] in run "), m);
            assertTrue(m.contains("  replay:   FutureContract.of(..).faults(FaultPlan.parse(\"faults[none]\")).replay(\"lockstep:1:"),
                    m);
            assertTrue(m.contains("  rule:     When a future is dropped before it completes"), m);
            assertTrue(m.contains("timer set 'deadline'#0 @0.020s"), m);
        }

        @Test
        void thatThrowsFailsWithTheExceptionAsTheCause() {
            AssertionError e = assertThrows(AssertionError.class, () -> FrameReader.contract(false).assertHolds());
            assertInstanceOf(BufferUnderflowException.class, e.getCause());
        }

        @Test
        void isFoundTheSameWayForTheSameSeed() {
            ContractReport a = FanOut.contract(false).seed(7).runs(50).check();
            ContractReport b = FanOut.contract(false).seed(7).runs(50).check();
            assertEquals(a.plans(), b.plans());
            assertEquals(a.violations(), b.violations());
        }

        @Test
        void replaysItsWitnessEventForEvent() {
            Violation v = Latch.contract(false).check().violation(ViolationKind.STALE_WAKER).orElseThrow();
            ContractReport again = Latch.contract(false).faults(v.witness().plan()).replay(v.witness().replay()).check();
            Witness w = again.violation(ViolationKind.STALE_WAKER).orElseThrow().witness();
            assertEquals(v.witness().replay(), w.replay());
            assertEquals(v.witness().trace(), w.trace());
        }
    }

    @Nested
    class Expectations {
        @Test
        void aDifferentValueIsAResultMismatchNamingBoth() {
            ContractReport report = FutureContract.of(() -> Futures.ready(1)).expect(2).runs(5).check();
            Violation.ResultMismatch m = assertInstanceOf(Violation.ResultMismatch.class,
                    report.violation(ViolationKind.RESULT_MISMATCH).orElseThrow());
            assertEquals("equal to 2", m.expected());
            assertEquals("1", m.actual());
            assertEquals("completed with 1, expected equal to 2", m.observed());
        }

        @Test
        void aPredicateIsPrintedByItsDescription() {
            ContractReport report = FutureContract.of(() -> Futures.ready(3)).expectThat("an even number", x -> x % 2 == 0)
                    .runs(5).check();
            assertEquals("matching an even number",
                    ((Violation.ResultMismatch) report.violation(ViolationKind.RESULT_MISMATCH).orElseThrow()).expected());
        }

        @Test
        void withoutOneAnyValuePasses() {
            assertTrue(FutureContract.of(() -> Futures.ready(3)).runs(5).check().passed());
        }

        @Test
        void thatThrowsStopsTheCheck() {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> FutureContract
                    .of(() -> Futures.ready("x")).expectThat(s -> Integer.parseInt(s) > 0).runs(5).check());
            assertTrue(e.getMessage().startsWith("the expectation (matching a predicate) threw"), e.getMessage());
        }

        @Test
        void aWrongValueOnlyWhenPolledWithoutAWakeIsSpuriousWakeupIntolerance() {
            ContractReport report = pollCounter().check();
            assertEquals(Set.of(ViolationKind.SPURIOUS_WAKEUP_INTOLERANT), report.kinds(), report::toString);
            String observed = report.violations().get(0).observed();
            assertTrue(observed.contains("expected equal to 2, in a run where it was polled without a wake"), observed);
        }

        @Test
        void aWrongValueAlsoWithoutSuchPollsIsAResultMismatchInEveryPlan() {
            ContractReport report = FanOut.contract(false).runs(50).check();
            PlanSummary spurious = report.plans().get(2);
            assertEquals(FaultPlan.only(FaultKind.SPURIOUS_POLL, 0.5), spurious.plan());
            assertEquals(Set.of(ViolationKind.RESULT_MISMATCH), spurious.kinds().keySet(), report::toString);
        }
    }

    @Nested
    class BusyWakes {
        @Test
        void aFutureSpinningWhileAnotherTaskWorksIsFlaggedPastTheBound() {
            ContractReport report = spinner(300).maxSelfWakes(100).runs(20).check();
            Violation v = report.violation(ViolationKind.BUSY_WAKE).orElseThrow(() -> new AssertionError(report));
            assertTrue(v.observed().startsWith("woke itself and returned Pending on "), v.observed());
            assertTrue(v.observed().contains("consecutive polls (the bound is 100)"), v.observed());
        }

        @Test
        void aShorterSpinPassesUnderTheDefaultBound() {
            ContractReport report = spinner(300).runs(20).check();
            assertTrue(report.passed(), report::toString);
        }
    }

    @Nested
    class Cancellation {
        /** Sleeps 5 ms; its cancel throws. */
        static final class ThrowingCancel implements Future<Void>, Cancellable {
            private final Sleep sleep = Sleep.of(Duration.ofMillis(5));

            @Override
            public Poll<Void> poll(Context cx) {
                return sleep.poll(cx);
            }

            @Override
            public void cancel() {
                throw new IllegalStateException("connection already closed");
            }
        }

        /** A reactor-like service: interest in a source, with the waker to wake when it is ready. */
        static final class Readiness {
            final java.util.Map<String, Waker> interest = new java.util.LinkedHashMap<>();

            boolean ready(String source) {
                Waker w = interest.remove(source);
                if (w != null) {
                    w.wake();
                }
                return true;
            }
        }

        /** Waits until the "socket-7" source is ready; deregisters on cancel only if {@code fixed}. */
        static FutureContract<String> readinessWaiter(boolean fixed) {
            return FutureContract.of(sim -> {
                Readiness reactor = new Readiness();
                sim.install(Readiness.class, reactor);
                sim.spawn("network", Sleep.of(Duration.ofMillis(3)).map(v -> reactor.ready("socket-7")));
                class Readable implements Future<String>, Cancellable {
                    @Override
                    public Poll<String> poll(Context cx) {
                        if (!reactor.interest.containsKey("socket-7") && cx.runtime().nanos() >= 3_000_000) {
                            return Poll.ready("readable");
                        }
                        reactor.interest.put("socket-7", cx.waker());
                        return Poll.pending();
                    }

                    @Override
                    public void cancel() {
                        if (fixed) {
                            reactor.interest.remove("socket-7");
                        }
                    }
                }
                return new Readable();
            }).name("readable").expect("readable").faults(FaultPlan.none()).runs(30);
        }

        @Test
        void aWakerLeftInAnInstalledServiceIsALeakNamingTheService() {
            ContractReport report = readinessWaiter(false).check();
            Violation.LeakedRegistration leak = assertInstanceOf(Violation.LeakedRegistration.class,
                    report.violation(ViolationKind.LEAKED_REGISTRATION).orElseThrow(() -> new AssertionError(report)));
            assertTrue(leak.registrations().contains("its waker is still held at service Readiness.interest{socket-7}"),
                    report::toString);
            assertTrue(readinessWaiter(true).check().passed());
        }

        @Test
        void aCancelThatThrowsIsAPanicFromCancel() {
            ContractReport report = FutureContract.of(ThrowingCancel::new).faults(FaultPlan.none()).runs(20).check();
            Violation.Panic p = assertInstanceOf(Violation.Panic.class,
                    report.violation(ViolationKind.PANIC).orElseThrow(() -> new AssertionError(report)));
            assertEquals("from cancel()", p.where());
            assertEquals("connection already closed", p.exception().getMessage());
            assertTrue(p.witness().cancelled());
        }
    }

    @Nested
    class Errors {
        @Test
        void aFactoryThatReturnsNullStopsTheCheck() {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> FutureContract.of(() -> (Future<Integer>) null).runs(1).faults(FaultPlan.none()).check());
            assertTrue(e.getMessage().startsWith("the factory given to FutureContract.of returned null"), e.getMessage());
            assertTrue(e.getMessage().contains("\n  in run 0 under faults[none], at step 0, virtual time 0.000s\n"
                    + "  replay: lockstep:1:"), e.getMessage());
        }

        @Test
        void aFactoryThatHandsOutTheSameFutureTwiceStopsTheCheck() {
            Future<Void> once = Sleep.of(Duration.ofMillis(1));
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> FutureContract.of(() -> once).runs(2).faults(FaultPlan.none()).check());
            assertTrue(e.getMessage().contains("returned the same future"), e.getMessage());
        }

        @Test
        void aFactoryThatThrowsStopsTheCheckWithItsException() {
            IllegalArgumentException cause = new IllegalArgumentException("no such host");
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> FutureContract.<Integer>of(() -> {
                throw cause;
            }).runs(1).check());
            assertSame(cause, e.getCause());
        }

        @Test
        void aFutureCompletedFromARealThreadCannotBeChecked() {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> FutureContract.of(() -> {
                CompletableFuture<Integer> stage = new CompletableFuture<>();
                Future<Integer> adapted = Interop.fromCompletionStage(stage);
                Thread t = new Thread(() -> stage.complete(1), "http-client-io");
                t.start();
                try {
                    t.join();
                } catch (InterruptedException interrupted) {
                    throw new AssertionError(interrupted);
                }
                return adapted;
            }).runs(1).check());
            assertInstanceOf(NondeterminismException.class, e.getCause());
            assertTrue(e.getMessage().contains("a real thread reached into the simulation")
                    && e.getMessage().contains("'http-client-io'"), e.getMessage());
        }

        @Test
        void invalidSettingsAreRejected() {
            FutureContract<Void> c = sleep();
            assertThrows(IllegalArgumentException.class, () -> c.runs(0));
            assertThrows(IllegalArgumentException.class, () -> c.maxSteps(0));
            assertThrows(IllegalArgumentException.class, () -> c.maxSelfWakes(0));
            assertThrows(IllegalArgumentException.class, () -> c.faults());
            assertThrows(IllegalArgumentException.class, () -> c.name(" "));
            assertThrows(IllegalArgumentException.class, () -> c.shrinkTime(Duration.ofSeconds(-1)));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> c.replay("lockstep:3:AA"));
            assertTrue(e.getMessage().contains("version"), e.getMessage());
        }
    }
}
