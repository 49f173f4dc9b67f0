package dev.lockstep.io.nio;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.async.Async;
import dev.lockstep.runtime.NondeterminismException;
import dev.lockstep.runtime.Simulation;
import dev.lockstep.sync.CancellationToken;
import dev.lockstep.sync.Mpsc;
import dev.lockstep.sync.MpscSender;
import dev.lockstep.sync.Mutex;
import dev.lockstep.sync.MutexGuard;
import dev.lockstep.sync.Notify;
import dev.lockstep.sync.TrySend;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The sync primitives across threads in production: senders on plain threads or in other
 * {@link RealRuntime}s, a mutex shared by two runtimes, notifications and cancellation from other
 * threads. Waits use Awaitility, never fixed sleeps. In a simulation the same cross-thread use is
 * reported as nondeterminism.
 */
class SyncAcrossThreadsTest {
    static final int PER_PRODUCER = 2_000;

    /** Runs {@code body} on a new runtime on its own thread; the future completes with its value. */
    static <T> CompletableFuture<T> onRuntime(String name, java.util.function.Function<RealRuntime, dev.lockstep.future.Future<T>> body) {
        CompletableFuture<T> done = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try (RealRuntime rt = RealRuntime.create()) {
                done.complete(rt.blockOn(body.apply(rt)));
            } catch (Throwable e) {
                done.completeExceptionally(e);
            }
        }, name);
        t.setDaemon(true);
        t.start();
        return done;
    }

    static <T> T within20s(CompletableFuture<T> f) {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(2)).until(f::isDone);
        return f.join();
    }

    @Test
    void plainThreadsSendIntoAChannelThatARuntimeReceives() {
        Mpsc<Integer> ch = Mpsc.unbounded();
        List<MpscSender<Integer>> senders = new ArrayList<>(List.of(ch.sender()));
        for (int i = 1; i < 3; i++) {
            senders.add(ch.sender().cloneSender());
        }
        CompletableFuture<List<Integer>> received = onRuntime("receiver", rt -> ch.receiver().collect());
        List<Thread> producers = new ArrayList<>();
        for (int p = 0; p < senders.size(); p++) {
            MpscSender<Integer> tx = senders.get(p);
            int base = p * 1_000_000;
            Thread t = new Thread(() -> {
                for (int i = 0; i < PER_PRODUCER; i++) {
                    if (tx.trySend(base + i) != TrySend.SENT) {
                        throw new AssertionError("unbounded send failed");
                    }
                }
                tx.close();
            }, "producer-" + p);
            producers.add(t);
            t.start();
        }
        List<Integer> got = within20s(received);
        assertEquals(3 * PER_PRODUCER, got.size());
        for (int p = 0; p < 3; p++) {
            int base = p * 1_000_000;
            List<Integer> mine = got.stream().filter(v -> v / 1_000_000 == base / 1_000_000).toList();
            for (int i = 0; i < PER_PRODUCER; i++) {
                assertEquals(base + i, mine.get(i), "producer " + p + " in order");
            }
        }
    }

    @Test
    void aBoundedChannelBetweenTwoRuntimesAppliesBackpressureAcrossThreads() {
        Mpsc<Integer> ch = Mpsc.bounded(4);
        CompletableFuture<Integer> sent = onRuntime("sender-runtime", rt -> Async.async(a -> {
            for (int i = 0; i < PER_PRODUCER; i++) {
                if (!a.await(ch.sender().send(i))) {
                    throw new AssertionError("receiver closed");
                }
                assertTrue(ch.receiver().size() <= 4, "capacity exceeded");
            }
            ch.sender().close();
            return PER_PRODUCER;
        }));
        CompletableFuture<Integer> received = onRuntime("receiver-runtime", rt -> Async.async(a -> {
            int next = 0;
            for (Optional<Integer> m = a.await(ch.receiver().recv()); m.isPresent(); m = a.await(ch.receiver().recv())) {
                assertEquals(next++, m.get());
            }
            return next;
        }));
        assertEquals(PER_PRODUCER, within20s(sent));
        assertEquals(PER_PRODUCER, within20s(received));
    }

    @Test
    void aMutexSharedByTwoRuntimesExcludesAndLosesNoUpdate() {
        Mutex<int[]> m = Mutex.of(new int[1]);
        AtomicInteger inside = new AtomicInteger();
        List<CompletableFuture<Void>> workers = new ArrayList<>();
        for (int w = 0; w < 2; w++) {
            workers.add(onRuntime("worker-" + w, rt -> Async.async(a -> {
                for (int i = 0; i < 500; i++) {
                    try (MutexGuard<int[]> g = a.await(m.lock())) {
                        assertEquals(1, inside.incrementAndGet(), "two holders at once");
                        int v = g.get()[0];
                        a.yieldNow();
                        g.get()[0] = v + 1;
                        inside.decrementAndGet();
                    }
                }
                return null;
            })));
        }
        workers.forEach(SyncAcrossThreadsTest::within20s);
        assertEquals(1000, m.tryLock().orElseThrow().get()[0]);
    }

    @Test
    void aNotifyAndATokenFromAnotherThreadWakeARuntimesTasks() {
        Notify notify = new Notify();
        CancellationToken stop = CancellationToken.create();
        CompletableFuture<String> waiter = onRuntime("waiter", rt -> Async.async(a -> {
            a.await(notify.notified());
            a.await(stop.child().cancelled());
            return "woken twice";
        }));
        new Thread(() -> {
            notify.notifyOne();   // stored as a permit if the waiter is not waiting yet
            stop.cancel();
        }, "notifier").start();
        assertEquals("woken twice", within20s(waiter));
    }

    @Test
    void inASimulationASendFromAnotherThreadIsReportedAsNondeterminism() throws Exception {
        Simulation sim = Simulation.builder().seed(0).build();
        Mpsc<String> ch = Mpsc.unbounded();
        Thread intruder = new Thread(() -> ch.sender().trySend("from outside"), "intruder");
        NondeterminismException e = assertThrows(NondeterminismException.class, () -> sim.blockOn(Async.async(a -> {
            a.spawn("starter", Async.async(b -> {
                intruder.start();
                intruder.join();
                return null;
            }));
            return a.await(ch.receiver().recv());
        })));
        assertTrue(e.getMessage().contains("intruder"), e.getMessage());
    }
}
