package dev.lockstep.pin;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.future.Context;
import dev.lockstep.future.Future;
import dev.lockstep.future.Futures;
import dev.lockstep.future.Poll;
import dev.lockstep.future.ProbeFuture;
import dev.lockstep.future.Unpin;
import dev.lockstep.runtime.Simulation;
import dev.lockstep.testkit.Wakers;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class PinTest {
    private final Context cx = new Context(Wakers.noop(), Simulation.builder().build().handle());

    /** Not Unpin: stands for a future that may refer back to itself. */
    static final class SelfReferential implements Future<String> {
        @Override
        public Poll<String> poll(Context cx) {
            return Poll.pending();
        }
    }

    static final class Movable implements Future<String>, Unpin {
        @Override
        public Poll<String> poll(Context cx) {
            return Poll.pending();
        }
    }

    private void pollFromHere(Pin<?> pin) {
        pin.poll(cx);
    }

    @Nested
    class Polling {
        @Test
        void pollsThePinnedFutureAndCountsPolls() {
            Pin<String> pin = Pin.of(Futures.ready("x"));
            assertFalse(pin.isPolled());
            assertEquals(Poll.ready("x"), pin.poll(cx));
            assertTrue(pin.isPolled());
            assertEquals(1, pin.pollCount());
        }

        @Test
        void getReturnsThePinnedFutureWithoutPollingIt() {
            Future<String> f = new SelfReferential();
            Pin<String> pin = Pin.of(f);
            assertSame(f, pin.get());
            assertFalse(pin.isPolled());
        }

        @Test
        void cancelReachesThePinnedFuture() {
            ProbeFuture<String> probe = new ProbeFuture<>("p");
            Pin.of(probe).cancel();
            assertTrue(probe.isCancelled());
        }
    }

    @Nested
    class Unpinning {
        @Test
        void isAllowedBeforeTheFirstPoll() {
            Future<String> f = new SelfReferential();
            Pin<String> pin = Pin.of(f);
            assertSame(f, pin.unpin());
        }

        @Test
        void isAllowedForAnUnpinFutureAfterPolling() {
            Future<String> f = new Movable();
            Pin<String> pin = Pin.of(f);
            pin.poll(cx);
            assertSame(f, pin.unpin());
        }

        @Test
        void leavesThePinEmpty() {
            Pin<String> pin = Pin.of(new Movable());
            pin.unpin();
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> pin.poll(cx));
            assertTrue(e.getMessage().startsWith("pin was unpinned"), e.getMessage());
            assertThrows(IllegalStateException.class, pin::get);
            assertThrows(IllegalStateException.class, pin::unpin);
        }
    }

    @Nested
    class Violation {
        @Test
        void isThrownForAPolledFutureThatIsNotUnpinAndNamesTheFix() {
            Pin<String> pin = Pin.of(new SelfReferential());
            pin.poll(cx);
            pin.poll(cx);
            pin.poll(cx);
            PinViolationException e = assertThrows(PinViolationException.class, pin::unpin);
            String m = e.getMessage();
            assertTrue(m.contains(SelfReferential.class.getName()), m);
            assertTrue(m.contains("polled 3 times"), m);
            assertTrue(m.contains("is not Unpin"), m);
            assertTrue(m.contains("implement Unpin"), m);
            assertTrue(m.contains("only if nothing"), m);
            assertTrue(m.contains("keep polling it through this Pin"), m);
        }

        @Test
        void saysTimeInTheSingularForOnePoll() {
            Pin<String> pin = Pin.of(new SelfReferential());
            pin.poll(cx);
            assertTrue(assertThrows(PinViolationException.class, pin::unpin).getMessage().contains("polled 1 time "));
        }

        @Test
        void carriesTheStackOfTheFirstPollAndOfTheMove() {
            Pin<String> pin = Pin.of(new SelfReferential());
            pollFromHere(pin);
            pin.poll(cx);
            PinViolationException e = assertThrows(PinViolationException.class, pin::unpin);

            Throwable first = e.firstPoll();
            assertNotNull(first);
            assertTrue(first.getMessage().contains("first poll of " + SelfReferential.class.getName()),
                    first.getMessage());
            assertTrue(first.getMessage().contains("step"), first.getMessage());
            assertTrue(Arrays.stream(first.getStackTrace()).anyMatch(f -> f.getMethodName().equals("pollFromHere")),
                    "the first poll's stack shows where it was polled from");
            assertArrayEquals(new Throwable[] {first}, e.getSuppressed());

            assertTrue(Arrays.stream(e.getStackTrace()).anyMatch(f -> f.getMethodName().equals("unpin")),
                    "the exception's own stack is the move");
            assertFalse(Arrays.stream(e.getStackTrace()).anyMatch(f -> f.getMethodName().equals("pollFromHere")));
        }

        @Test
        void withoutARecordedStackStillNamesTheTaskStepAndTimeOfTheFirstPoll() {
            Simulation sim = Simulation.builder().seed(3).build();
            Pin<String> pin = Pin.of(new SelfReferential(), false);
            AtomicReference<PinViolationException> caught = new AtomicReference<>();
            sim.spawn("parser", (Future<Void>) c -> {
                pin.poll(c);
                return Poll.ready(null);
            });
            sim.blockOn((Future<Void>) c -> {
                if (!pin.isPolled()) {
                    c.waker().wakeByRef();
                    return Poll.pending();
                }
                caught.set(assertThrows(PinViolationException.class, pin::unpin));
                return Poll.ready(null);
            });
            PinViolationException e = caught.get();
            assertTrue(e.getMessage().contains("first poll of " + SelfReferential.class.getName()
                    + " through this Pin, in task 'parser'#0 at step "), e.getMessage());
            assertTrue(e.getMessage().contains("virtual time 0ns"), e.getMessage());
            Throwable first = e.firstPoll();
            assertNotNull(first);
            assertTrue(first.getMessage().contains("its stack was not recorded"), first.getMessage());
            assertEquals(0, first.getStackTrace().length, "no stack walk was made for the first poll");
        }

        @Test
        void leavesTheFuturePinned() {
            Future<String> f = new SelfReferential();
            Pin<String> pin = Pin.of(f);
            pin.poll(cx);
            assertThrows(PinViolationException.class, pin::unpin);
            assertSame(f, pin.get());
            assertTrue(pin.poll(cx).isPending());
        }
    }

    @Nested
    class Scoped {
        @Test
        void returnsWhatTheBodyReturns() {
            assertEquals(Poll.ready(4), Pin.scoped(Futures.ready(4), pin -> pin.poll(cx)));
        }

        @Test
        void closesThePinWhenTheBodyReturns() {
            AtomicReference<Pin<String>> escaped = new AtomicReference<>();
            Pin.scoped(new Movable(), pin -> {
                escaped.set(pin);
                return null;
            });
            Pin<String> pin = escaped.get();
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> pin.poll(cx));
            assertTrue(e.getMessage().startsWith("pin was closed"), e.getMessage());
            assertThrows(IllegalStateException.class, pin::get);
            assertThrows(IllegalStateException.class, pin::unpin);
        }

        @Test
        void closesThePinWhenTheBodyThrows() {
            AtomicReference<Pin<String>> escaped = new AtomicReference<>();
            assertThrows(ArithmeticException.class, () -> Pin.scoped(new Movable(), pin -> {
                escaped.set(pin);
                throw new ArithmeticException();
            }));
            assertThrows(IllegalStateException.class, escaped.get()::get);
        }
    }
}
