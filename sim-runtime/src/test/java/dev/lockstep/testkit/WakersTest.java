package dev.lockstep.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.future.Context;
import dev.lockstep.future.Futures;
import dev.lockstep.future.Waker;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class WakersTest {

    @Nested
    class Noop {
        @Test
        void acceptsEveryOperation() {
            Waker w = Wakers.noop();
            w.wake();
            w.wakeByRef();
            Waker clone = w.cloneWaker();
            clone.drop();
            assertTrue(w.willWake(clone));
        }
    }

    @Nested
    class Panicking {
        @Test
        void failsOnWakeWakeByRefAndClone() {
            Waker w = Wakers.panicking();
            assertEquals("this future should not wake", assertThrows(AssertionError.class, w::wake).getMessage());
            assertEquals("this future should not wake", assertThrows(AssertionError.class, w::wakeByRef).getMessage());
            assertEquals("this future should not wake", assertThrows(AssertionError.class, w::cloneWaker).getMessage());
        }

        @Test
        void allowsDrop() {
            Wakers.panicking().drop();
        }

        @Test
        void catchesAFutureThatWakes() {
            Context cx = new Context(Wakers.panicking(), MockTask.of(Futures.pending()).runtime());
            assertThrows(AssertionError.class, () -> Futures.yieldNow().poll(cx));
        }
    }

    @Nested
    class Counting {
        @Test
        void countsWakesClonesAndDropsSeparately() {
            CountingWaker c = Wakers.counting();
            c.waker().wakeByRef();
            c.waker().wakeByRef();
            Waker clone = c.waker().cloneWaker();
            clone.drop();
            c.waker().wake();
            assertEquals(3, c.wakeCount());
            assertEquals(1, c.cloneCount());
            assertEquals(1, c.dropCount());
        }

        @Test
        void countsWakesThroughClonesAndClonesOfClones() {
            CountingWaker c = Wakers.counting();
            Waker grandchild = c.waker().cloneWaker().cloneWaker();
            grandchild.wake();
            assertEquals(1, c.wakeCount());
            assertEquals(2, c.cloneCount());
            assertTrue(c.waker().willWake(grandchild));
        }

        @Test
        void twoCountingWakersAreIndependent() {
            CountingWaker a = Wakers.counting();
            CountingWaker b = Wakers.counting();
            a.waker().wake();
            assertEquals(1, a.wakeCount());
            assertEquals(0, b.wakeCount());
            assertFalse(a.waker().willWake(b.waker()));
        }

        @Test
        void startsAtZero() {
            CountingWaker c = Wakers.counting();
            assertEquals(0, c.wakeCount());
            assertEquals(0, c.cloneCount());
            assertEquals(0, c.dropCount());
        }
    }
}
