package dev.lockstep.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.async.Async;
import dev.lockstep.contract.ContractReport;
import dev.lockstep.contract.FutureContract;
import dev.lockstep.contract.PlanSummary;
import dev.lockstep.future.Future;
import dev.lockstep.runtime.Simulation;
import dev.lockstep.stream.Stream;
import dev.lockstep.stream.Streams;
import dev.lockstep.testkit.TestStreams;
import dev.lockstep.time.Interval;
import dev.lockstep.time.Sleep;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Every waiting operation of every primitive keeps the poll contract: each is checked by
 * {@link FutureContract} under every default fault plan (reordering, spurious polls, duplicated
 * and delayed wakes, fresh wakers, polls after completion, moves, buggify, swarm), and in the runs
 * that cancel it after its first, second or third {@code Pending} nothing of the cancelled task
 * stays registered ({@code LEAKED_REGISTRATION}). The feeding tasks make progress only after
 * drawn sleeps, so every operation goes through {@code Pending}.
 */
class SyncContractTest {
    static final int RUNS = 100;

    /** Checks {@code contract}, asserts it held, and that some runs were cancelled while pending. */
    static void holds(FutureContract<?> contract) {
        ContractReport report = contract.runs(RUNS).check();
        assertTrue(report.passed(), report::toString);
        assertEquals(RUNS * FutureContract.defaultPlans().size(), report.runs(), report::toString);
        int cancelled = report.plans().stream().mapToInt(PlanSummary::cancelledRuns).sum();
        assertTrue(cancelled > 0, "no run was cancelled while pending\n" + report);
    }

    /** A task that runs {@code body} after a drawn sleep of 1..3 ms. */
    static void later(Simulation sim, String name, Runnable body) {
        long ms = sim.choices().between(1, 3);
        sim.spawn(name, Sleep.of(Duration.ofMillis(ms)).map(v -> {
            body.run();
            return null;
        }));
    }

    @Nested
    class Channels {
        @Test
        void oneshotRecvKeepsTheContract() {
            holds(FutureContract.of(sim -> {
                Oneshot<String> ch = Oneshot.create();
                later(sim, "sender", () -> ch.sender().send("hello"));
                return ch.receiver().recv();
            }).expect(Optional.of("hello")));
        }

        @Test
        void oneshotRecvEndsEmptyWhenTheSenderCloses() {
            holds(FutureContract.of(sim -> {
                Oneshot<String> ch = Oneshot.create();
                later(sim, "quitter", () -> ch.sender().close());
                return ch.receiver().recv();
            }).expect(Optional.empty()));
        }

        @Test
        void unboundedMpscRecvKeepsTheContract() {
            holds(FutureContract.of(sim -> {
                Mpsc<Integer> ch = Mpsc.unbounded();
                MpscSender<Integer> second = ch.sender().cloneSender();
                later(sim, "a", () -> ch.sender().trySend(1));
                later(sim, "b", () -> second.trySend(2));
                return Async.async(a -> a.await(ch.receiver().recv()).orElseThrow()
                        + a.await(ch.receiver().recv()).orElseThrow());
            }).expect(3));
        }

        @Test
        void boundedMpscRecvEndsWhenEverySenderCloses() {
            holds(FutureContract.of(sim -> {
                Mpsc<Integer> ch = Mpsc.bounded(1);
                later(sim, "closer", () -> ch.sender().close());
                return ch.receiver().recv();
            }).expect(Optional.empty()));
        }

        @Test
        void boundedMpscSendWaitsForCapacityAndKeepsTheContract() {
            holds(FutureContract.of(sim -> {
                Mpsc<Integer> ch = Mpsc.bounded(1);
                ch.sender().trySend(0);                          // full
                MpscSender<Integer> rival = ch.sender().cloneSender();
                sim.spawn("rival", rival.send(99));             // waits for a slot too
                // Two receives free two slots: one for the rival, one for the subject, in either order.
                sim.spawn("drainer", Sleep.of(Duration.ofMillis(sim.choices().between(1, 3)))
                        .then(v -> ch.receiver().recv()).then(m -> ch.receiver().recv()));
                return ch.sender().send(1);
            }).expect(true));
        }

        @Test
        void mpscSendEndsFalseWhenTheReceiverCloses() {
            holds(FutureContract.of(sim -> {
                Mpsc<Integer> ch = Mpsc.bounded(1);
                ch.sender().trySend(0);
                later(sim, "closer", () -> ch.receiver().close());
                return ch.sender().send(1);
            }).expect(false));
        }

        @Test
        void anMpscReceiverAsAStreamKeepsTheContract() {
            holds(FutureContract.of(sim -> {
                Mpsc<Integer> ch = Mpsc.unbounded();
                later(sim, "a", () -> {
                    ch.sender().trySend(5);
                    ch.sender().close();
                });
                return ch.receiver().next();
            }).expect(Optional.of(5)));
        }

        @Test
        void broadcastRecvKeepsTheContract() {
            holds(FutureContract.of(sim -> {
                Broadcast<String> ch = Broadcast.create(2);
                later(sim, "sender", () -> ch.sender().send("news"));
                return ch.receiver().recv();
            }).expect(new Received.Message<>("news")));
        }

        @Test
        void aLaggingBroadcastReceiverKeepsTheContract() {
            holds(FutureContract.of(sim -> {
                Broadcast<Integer> ch = Broadcast.create(2);
                later(sim, "flood", () -> {
                    for (int i = 0; i < 5; i++) {
                        ch.sender().send(i);
                    }
                });
                BroadcastReceiver<Integer> rx = ch.receiver();
                return Async.async(a -> List.of(a.await(rx.recv()), a.await(rx.recv())));
            }).expect(List.of(new Received.Lagged<>(3), new Received.Message<>(3))));
        }

        @Test
        void aBroadcastReceiverAsAStreamKeepsTheContract() {
            holds(FutureContract.of(sim -> {
                Broadcast<String> ch = Broadcast.create(2);
                later(sim, "sender", () -> ch.sender().send("news"));
                return ch.receiver().next();
            }).expect(Optional.of(new Received.Message<>("news"))));
        }

        @Test
        void watchChangedKeepsTheContract() {
            holds(FutureContract.of(sim -> {
                Watch<String> w = Watch.create("v0");
                later(sim, "writer", () -> {
                    w.sender().send("v1");
                    w.sender().send("v2");
                });
                WatchReceiver<String> rx = w.receiver();
                return rx.changed().map(changed -> changed + " " + rx.borrowAndUpdate());
            }).expect("true v2"));
        }

        @Test
        void watchChangedEndsFalseWhenTheSenderCloses() {
            holds(FutureContract.of(sim -> {
                Watch<String> w = Watch.create("v0");
                later(sim, "closer", () -> w.sender().close());
                return w.receiver().changed();
            }).expect(false));
        }
    }

    @Nested
    class Locks {
        /** A task that holds {@code mutex} for a drawn 1..3 ms. */
        static void holdFor(Simulation sim, Mutex<?> mutex) {
            MutexGuard<?> g = mutex.tryLock().orElseThrow();
            later(sim, "holder", g::close);
        }

        @Test
        void mutexLockKeepsTheContract() {
            holds(FutureContract.of(sim -> {
                Mutex<Integer> m = Mutex.of(41);
                holdFor(sim, m);
                sim.spawn("rival", m.lock().map(g -> {
                    g.set(g.get() + 1);
                    g.close();
                    return null;
                }));
                return m.lock().map(g -> {
                    int v = g.get();
                    g.close();
                    return v;
                });
            }).expectThat("41 or 42", v -> v == 41 || v == 42));
        }

        @Test
        void rwLockReadAndWriteKeepTheContract() {
            holds(FutureContract.of(sim -> {
                RwLock<String> l = RwLock.of("a");
                RwLockWriteGuard<String> w = l.tryWrite().orElseThrow();
                later(sim, "writer", () -> {
                    w.set("b");
                    w.close();
                });
                return l.read().map(g -> {
                    String v = g.get();
                    g.close();
                    return v;
                });
            }).expect("b"));
            holds(FutureContract.of(sim -> {
                RwLock<String> l = RwLock.of("a");
                RwLockReadGuard<String> r1 = l.tryRead().orElseThrow();
                RwLockReadGuard<String> r2 = l.tryRead().orElseThrow();
                later(sim, "reader-1", r1::close);
                later(sim, "reader-2", r2::close);
                return l.write().map(g -> {
                    g.set("c");
                    String v = g.get();
                    g.close();
                    return v;
                });
            }).expect("c"));
        }

        @Test
        void semaphoreAcquireOfSeveralPermitsKeepsTheContract() {
            holds(FutureContract.of(sim -> {
                Semaphore s = Semaphore.of(3);
                Permit held = s.tryAcquire(2).orElseThrow();
                later(sim, "releaser", held::close);
                sim.spawn("small", s.acquire(1).map(p -> {
                    p.close();
                    return null;
                }));
                return s.acquire(3).map(p -> {
                    long n = p.count();
                    p.close();
                    return n;
                });
            }).expect(3L));
        }

        @Test
        void notifiedKeepsTheContractForNotifyOneAndNotifyWaiters() {
            holds(FutureContract.of(sim -> {
                Notify n = new Notify();
                later(sim, "notifier", n::notifyOne);
                return n.notified();
            }).expect(null));
            holds(FutureContract.of(sim -> {
                Notify n = new Notify();
                later(sim, "broadcaster", n::notifyWaiters);
                return n.notified();
            }).expect(null));
        }

        @Test
        void barrierAwaitKeepsTheContract() {
            holds(FutureContract.of(sim -> {
                Barrier b = Barrier.of(3);
                Future<BarrierWaitResult> other = b.await();
                sim.spawn("party-1", other);
                sim.spawn("party-2", Sleep.of(Duration.ofMillis(sim.choices().between(1, 3))).then(v -> b.await()));
                return b.await();
            }).expectThat("a result", r -> r != null));
        }

        @Test
        void cancellationTokenCancelledKeepsTheContractThroughAChild() {
            holds(FutureContract.of(sim -> {
                CancellationToken root = CancellationToken.create();
                CancellationToken child = root.child();
                later(sim, "canceller", root::cancel);
                return child.cancelled();
            }).expect(null));
        }
    }

    @Nested
    class StreamCombinators {
        static Stream<Integer> fed(Simulation sim, int... values) {
            Mpsc<Integer> ch = Mpsc.unbounded();
            later(sim, "feeder", () -> {
                for (int v : values) {
                    ch.sender().trySend(v);
                }
                ch.sender().close();
            });
            return ch.receiver();
        }

        @Test
        void mapFilterTakeAndCollectKeepTheContract() {
            holds(FutureContract.of(sim -> fed(sim, 1, 2, 3, 4, 5, 6).filter(v -> v % 2 == 0).map(v -> v * 10)
                    .take(2).collect()).expect(List.of(20, 40)));
        }

        @Test
        void mergeKeepsTheContract() {
            holds(FutureContract.of(sim -> Streams.merge(fed(sim, 1, 2), fed(sim, 3)).collect()
                    .map(l -> l.stream().sorted().toList())).expect(List.of(1, 2, 3)));
        }

        @Test
        void bufferedKeepsTheContractAndTheOrder() {
            holds(FutureContract.of(sim -> Streams.buffered(
                    Streams.of(3, 1, 2).map(ms -> Sleep.of(Duration.ofMillis(ms)).map(v -> ms)), 2).collect())
                    .expect(List.of(3, 1, 2)));
        }

        @Test
        void interleavePendingKeepsTheContract() {
            holds(FutureContract.of(sim -> TestStreams.interleavePending(fed(sim, 7, 8)).collect())
                    .expect(List.of(7, 8)));
        }

        @Test
        void anIntervalAsAStreamKeepsTheContractInsideItsOwner() {
            holds(FutureContract.of(() -> Async.async(a -> {
                Stream<Long> ticks = Streams.ticks(Interval.every(Duration.ofMillis(10)));
                try {
                    a.await(ticks.next());
                    return a.await(ticks.next()).orElseThrow();
                } finally {
                    Streams.cancel(ticks);
                }
            })).expect(10_000_000L));
        }
    }
}
