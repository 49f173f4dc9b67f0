package dev.lockstep.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.future.Future;
import dev.lockstep.future.Futures;
import dev.lockstep.future.Poll;
import dev.lockstep.runtime.Simulation;
import dev.lockstep.testkit.MockTask;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The hand-over rules, poll by poll: who is woken, what a cancelled waiter passes on, and the
 * errors of misuse. The property tests check the same rules over many schedules.
 */
class SyncHandOverTest {
    final Simulation sim = Simulation.builder().seed(0).build();

    <T> MockTask<T> task(Future<T> f) {
        return MockTask.of(f, sim);
    }

    @Nested
    class Locks {
        @Test
        void aCancelledLockThatWasHandedTheMutexPassesItToTheNextWaiter() {
            Mutex<String> m = Mutex.of("v");
            MutexGuard<String> held = m.tryLock().orElseThrow();
            Future<MutexGuard<String>> first = m.lock();
            MockTask<MutexGuard<String>> a = task(first);
            MockTask<MutexGuard<String>> b = task(m.lock());
            assertTrue(a.poll().isPending());
            assertTrue(b.poll().isPending());
            held.close();
            assertTrue(a.isWoken(), "the oldest waiter gets the lock");
            assertFalse(b.isWoken(), "only the new owner is woken");
            Futures.cancel(first);   // it never took the hand-over
            assertTrue(b.isWoken(), "the hand-over passed on");
            Poll<MutexGuard<String>> got = b.poll();
            assertEquals("v", got.value().get());
            assertTrue(m.isLocked());
            got.value().close();
            assertFalse(m.isLocked());
        }

        @Test
        void aLargeRequestAtTheHeadBlocksSmallerOnesUntilItIsCancelled() {
            Semaphore s = Semaphore.of(1);
            Future<Permit> big = s.acquire(2);
            MockTask<Permit> a = task(big);
            MockTask<Permit> b = task(s.acquire(1));
            assertTrue(a.poll().isPending());
            assertTrue(b.poll().isPending(), "no barging past the head, though one permit is free");
            assertTrue(s.tryAcquire().isEmpty(), "tryAcquire fails while anybody waits");
            Futures.cancel(big);
            assertTrue(b.isWoken());
            assertEquals(1, b.poll().value().count());
            assertEquals(0, s.availablePermits());
            assertEquals(0, s.waiting());
        }

        @Test
        void aSemaphoreRefusesBadCountsNamingTheCall() {
            Semaphore s = Semaphore.of(1);
            assertTrue(assertThrows(IllegalArgumentException.class, () -> Semaphore.of(-1)).getMessage()
                    .startsWith("Semaphore.of:"));
            assertTrue(assertThrows(IllegalArgumentException.class, () -> s.acquire(0)).getMessage()
                    .startsWith("Semaphore.acquire:"));
            assertTrue(assertThrows(IllegalArgumentException.class, () -> s.tryAcquire(0)).getMessage()
                    .startsWith("Semaphore.tryAcquire:"));
            assertTrue(assertThrows(IllegalArgumentException.class, () -> s.addPermits(-1)).getMessage()
                    .startsWith("Semaphore.addPermits:"));
            assertEquals(1, s.availablePermits());
        }

        @Test
        void onlyTheWakerOfTheLatestPollIsWoken() {
            Semaphore s = Semaphore.of(0);
            Future<Permit> acquire = s.acquire();
            MockTask<Permit> first = task(acquire);
            MockTask<Permit> second = task(acquire);   // the same future, polled with another waker
            assertTrue(first.poll().isPending());
            assertTrue(second.poll().isPending());
            s.addPermits(1);
            assertFalse(first.isWoken(), "the stale waker");
            assertTrue(second.isWoken(), "the latest waker");
            assertTrue(second.poll().isReady());
            assertThrows(IllegalStateException.class, second::poll, "polled after completion");
        }

        @Test
        void aWriterWaitingOnAnRwLockMakesLaterReadersWait() {
            RwLock<Integer> l = RwLock.of(1);
            RwLockReadGuard<Integer> r = l.tryRead().orElseThrow();
            MockTask<RwLockWriteGuard<Integer>> w = task(l.write());
            assertTrue(w.poll().isPending());
            MockTask<RwLockReadGuard<Integer>> late = task(l.read());
            assertTrue(late.poll().isPending(), "a reader behind a waiting writer waits");
            r.close();
            assertTrue(w.isWoken());
            assertFalse(late.isWoken());
            w.poll().value().close();
            assertTrue(late.isWoken());
            assertEquals(1, late.poll().value().get());
        }

        @Test
        void aGuardCannotBeUsedAfterClose() {
            MutexGuard<Integer> g = Mutex.of(1).tryLock().orElseThrow();
            g.close();
            g.close();   // idempotent
            assertThrows(IllegalStateException.class, g::get);
        }
    }

    @Nested
    class Notifications {
        @Test
        void aCancelledWaiterPassesANotifyOneOn() {
            Notify n = new Notify();
            Future<Void> first = n.notified();
            MockTask<Void> a = task(first);
            MockTask<Void> b = task(n.notified());
            assertTrue(a.poll().isPending());
            assertTrue(b.poll().isPending());
            n.notifyOne();
            assertTrue(a.isWoken());
            assertFalse(b.isWoken(), "notifyOne wakes one waiter, the oldest");
            Futures.cancel(first);
            assertTrue(b.isWoken(), "the notification passed on");
            assertTrue(b.poll().isReady());
            assertFalse(n.hasPermit());
        }

        @Test
        void notifyOneWithNobodyWaitingStoresOnePermit() {
            Notify n = new Notify();
            n.notifyOne();
            n.notifyOne();
            assertTrue(task(n.notified()).poll().isReady());
            assertTrue(task(n.notified()).poll().isPending(), "several calls store one permit");
        }

        @Test
        void notifyWaitersCompletesFuturesMadeBeforeItEvenIfNotYetPolled() {
            Notify n = new Notify();
            Future<Void> made = n.notified();
            n.notifyWaiters();
            assertTrue(task(made).poll().isReady());
            assertTrue(task(n.notified()).poll().isPending(), "no permit is stored");
        }

        @Test
        void aCancelledBarrierArrivalIsWithdrawn() {
            Barrier b = Barrier.of(2);
            Future<BarrierWaitResult> quitter = b.await();
            assertTrue(task(quitter).poll().isPending());
            Futures.cancel(quitter);
            MockTask<BarrierWaitResult> x = task(b.await());
            assertTrue(x.poll().isPending(), "the barrier still waits for two live parties");
            assertTrue(task(b.await()).poll().value().isLeader());
            assertTrue(x.isWoken());
            assertFalse(x.poll().value().isLeader());
        }

        @Test
        void aChildTokenIsCancelledWithItsParentButNotTheOtherWay() {
            CancellationToken root = CancellationToken.create();
            CancellationToken child = root.child();
            CancellationToken other = root.child();
            child.cancel();
            assertFalse(root.isCancelled());
            assertEquals(1, root.children(), "a cancelled child leaves its parent's list");
            MockTask<Void> w = task(other.cancelled());
            assertTrue(w.poll().isPending());
            root.cancel();
            assertTrue(w.isWoken());
            assertTrue(other.isCancelled());
            assertTrue(root.child().isCancelled(), "a child of a cancelled token starts cancelled");
        }
    }

    @Nested
    class Channels {
        @Test
        void aCancelledSendThatWasGrantedASlotSendsNothingAndPassesTheSlotOn() {
            Mpsc<Integer> ch = Mpsc.bounded(1);
            assertEquals(TrySend.SENT, ch.sender().trySend(0));
            assertEquals(TrySend.FULL, ch.sender().trySend(9));
            Future<Boolean> first = ch.sender().send(1);
            MockTask<Boolean> a = task(first);
            MockTask<Boolean> b = task(ch.sender().send(2));
            assertTrue(a.poll().isPending());
            assertTrue(b.poll().isPending());
            assertEquals(Optional.of(0), ch.receiver().tryRecv());
            assertTrue(a.isWoken());
            assertFalse(b.isWoken());
            Futures.cancel(first);
            assertTrue(b.isWoken(), "the slot passed on");
            assertTrue(b.poll().value());
            assertEquals(Optional.of(2), ch.receiver().tryRecv(), "the cancelled send sent nothing");
            assertEquals(Optional.empty(), ch.receiver().tryRecv());
        }

        @Test
        void aCancelledRecvLosesNoMessage() {
            Mpsc<String> ch = Mpsc.unbounded();
            Future<Optional<String>> r = ch.receiver().recv();
            MockTask<Optional<String>> t = task(r);
            assertTrue(t.poll().isPending());
            ch.sender().trySend("m");
            assertTrue(t.isWoken());
            Futures.cancel(r);
            assertEquals(Optional.of("m"), task(ch.receiver().recv()).poll().value());
        }

        @Test
        void recvEndsEmptyOnceEverySenderAndSendIsGone() {
            Mpsc<String> ch = Mpsc.bounded(2);
            MpscSender<String> other = ch.sender().cloneSender();
            Future<Boolean> inFlight = other.send("late");
            ch.sender().close();
            other.close();
            MockTask<Optional<String>> r = task(ch.receiver().recv());
            assertTrue(r.poll().isPending(), "a send made before the close keeps the channel open");
            assertTrue(task(inFlight).poll().value());
            assertEquals(Optional.of("late"), r.poll().value());
            assertEquals(Optional.empty(), task(ch.receiver().recv()).poll().value());
            assertThrows(IllegalStateException.class, () -> other.send("x"), "send on a closed handle");
        }

        @Test
        void closingTheReceiverFailsWaitingSends() {
            Mpsc<String> ch = Mpsc.bounded(1);
            ch.sender().trySend("a");
            MockTask<Boolean> s = task(ch.sender().send("b"));
            assertTrue(s.poll().isPending());
            ch.receiver().close();
            assertTrue(s.isWoken());
            assertFalse(s.poll().value());
            assertEquals(TrySend.CLOSED, ch.sender().trySend("c"));
            assertEquals(Optional.of("a"), ch.receiver().tryRecv(), "queued messages stay receivable");
        }

        @Test
        void closingTheReceiverEndsAReceiveWaitingOnTheEmptyChannel() {
            Mpsc<String> ch = Mpsc.bounded(2);
            MockTask<Optional<String>> r = task(ch.receiver().recv());
            assertTrue(r.poll().isPending());
            ch.receiver().close();
            assertTrue(r.isWoken(), "the waiting receive learns that the channel ended");
            assertEquals(Optional.empty(), r.poll().value());
        }

        @Test
        void twoReceivesWaitingAtOnceAreRejected() {
            Mpsc<String> ch = Mpsc.unbounded();
            assertTrue(task(ch.receiver().recv()).poll().isPending());
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> task(ch.receiver().recv()).poll());
            assertTrue(e.getMessage().contains("one consumer"), e.getMessage());
        }

        @Test
        void aBroadcastReceiverThatFellBehindIsToldHowManyItMissed() {
            Broadcast<Integer> ch = Broadcast.create(2);
            BroadcastReceiver<Integer> rx = ch.receiver();
            for (int i = 0; i < 5; i++) {
                assertEquals(1, ch.sender().send(i));
            }
            assertEquals(new Received.Lagged<>(3), task(rx.recv()).poll().value());
            assertEquals(new Received.Message<>(3), task(rx.recv()).poll().value());
            assertEquals(new Received.Message<>(4), task(rx.recv()).poll().value());
            ch.sender().close();
            assertEquals(new Received.Closed<>(), task(rx.recv()).poll().value());
        }

        @Test
        void aClosedBroadcastReceiverEndsItsWaitingReceive() {
            Broadcast<Integer> ch = Broadcast.create(2);
            BroadcastReceiver<Integer> other = ch.sender().subscribe();
            MockTask<Received<Integer>> mine = task(ch.receiver().recv());
            MockTask<Received<Integer>> theirs = task(other.recv());
            assertTrue(mine.poll().isPending());
            assertTrue(theirs.poll().isPending());
            ch.receiver().close();
            assertTrue(mine.isWoken());
            assertEquals(new Received.Closed<>(), mine.poll().value());
            assertTrue(theirs.poll().isPending(), "the other receiver waits on");
            assertEquals(1, ch.sender().send(5), "only the open receiver is counted");
            assertEquals(new Received.Message<>(5), theirs.poll().value());
        }

        @Test
        void watchChangedMarksTheNewestVersionSeen() {
            Watch<String> w = Watch.create("a");
            MockTask<Boolean> c = task(w.receiver().changed());
            assertTrue(c.poll().isPending());
            w.sender().send("b");
            w.sender().send("c");
            assertTrue(c.isWoken());
            assertTrue(c.poll().value());
            assertEquals("c", w.receiver().borrow());
            assertFalse(w.receiver().hasChanged());
            w.sender().close();
            assertFalse(task(w.receiver().changed()).poll().value());
        }

        @Test
        void aOneshotEndsEmptyWhenItsSenderCloses() {
            Oneshot<String> ch = Oneshot.create();
            MockTask<Optional<String>> r = task(ch.receiver().recv());
            assertTrue(r.poll().isPending());
            ch.sender().close();
            assertTrue(r.isWoken());
            assertEquals(Optional.empty(), r.poll().value());
            assertThrows(IllegalStateException.class, () -> ch.sender().send("late"));
        }

        @Test
        void closingAOneshotReceiverEndsItsWaitingReceive() {
            Oneshot<String> ch = Oneshot.create();
            MockTask<Optional<String>> r = task(ch.receiver().recv());
            assertTrue(r.poll().isPending());
            ch.receiver().close();
            assertTrue(r.isWoken(), "the waiting receive learns that the value is refused");
            assertEquals(Optional.empty(), r.poll().value());
            assertFalse(ch.sender().send("late"));
        }

        @Test
        void aOneshotValueIsReceivedOnce() {
            Oneshot<String> ch = Oneshot.create();
            assertTrue(ch.sender().send("v"));
            assertEquals(Optional.of("v"), ch.receiver().tryRecv());
            assertEquals(Optional.empty(), ch.receiver().tryRecv());
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> task(ch.receiver().recv()).poll(), "a second receive of the value");
            assertTrue(e.getMessage().contains("already received") && e.getMessage().contains("replay"),
                    e.getMessage());
        }

        @Test
        void twoOneshotReceivesWaitingAtOnceAreRejected() {
            Oneshot<String> ch = Oneshot.create();
            Future<Optional<String>> first = ch.receiver().recv();
            MockTask<Optional<String>> a = task(first);
            assertTrue(a.poll().isPending());
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> task(ch.receiver().recv()).poll(), "the first would never be woken");
            assertTrue(e.getMessage().contains("another receive") && e.getMessage().contains("replay"),
                    e.getMessage());
            ch.sender().send("v");
            assertTrue(a.isWoken(), "the first receive still gets the value");
            assertEquals(Optional.of("v"), a.poll().value());
        }

        @Test
        void aCancelledOneshotReceiveMakesWayForAnother() {
            Oneshot<String> ch = Oneshot.create();
            Future<Optional<String>> first = ch.receiver().recv();
            assertTrue(task(first).poll().isPending());
            Futures.cancel(first);
            MockTask<Optional<String>> b = task(ch.receiver().recv());
            assertTrue(b.poll().isPending());
            ch.sender().send("v");
            assertTrue(b.isWoken());
            assertEquals(Optional.of("v"), b.poll().value());
        }

        @Test
        void aSecondOneshotSendAfterARefusedOneSaysTheSenderWasUsed() {
            Oneshot<String> ch = Oneshot.create();
            ch.receiver().close();
            assertFalse(ch.sender().send("a"));
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> ch.sender().send("b"));
            assertTrue(e.getMessage().contains("refused"), e.getMessage());
        }
    }
}
