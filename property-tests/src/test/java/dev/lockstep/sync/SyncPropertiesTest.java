package dev.lockstep.sync;

import static dev.lockstep.sync.Bounded.pause;
import static dev.lockstep.sync.Bounded.within;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.async.Async;
import dev.lockstep.choice.ChoiceSource;
import dev.lockstep.future.Future;
import dev.lockstep.future.JoinHandle;
import dev.lockstep.future.Poll;
import dev.lockstep.junit.SimTest;
import dev.lockstep.runtime.Simulation;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Nested;

/**
 * The semantics of each primitive over many seeds, under swarm faults, with waiting operations
 * cancelled at drawn moments ({@link Bounded#within}): what each promises holds in every schedule.
 */
class SyncPropertiesTest {
    static final int RUNS = 300;

    static int draw(Simulation sim, int lo, int hi) {
        return (int) sim.choices().between(lo, hi);
    }

    @Nested
    class Channels {
        @SimTest(runs = RUNS, faults = "swarm")
        void mpscDeliversEveryMessageExactlyOnceAndInOrderPerSender(Simulation sim) {
            int senders = draw(sim, 1, 4);
            int perSender = draw(sim, 1, 8);
            Mpsc<Integer> ch = sim.choices().chance(0.5) ? Mpsc.unbounded() : Mpsc.bounded(draw(sim, 1, 3));
            List<MpscSender<Integer>> handles = new ArrayList<>(List.of(ch.sender()));
            while (handles.size() < senders) {
                handles.add(ch.sender().cloneSender());
            }
            for (int s = 0; s < senders; s++) {
                MpscSender<Integer> tx = handles.get(s);
                int base = s * 1000;
                sim.spawn("sender-" + s, Async.async(a -> {
                    for (int i = 0; i < perSender; i++) {
                        // A send cut short sends nothing, so the same message is sent again.
                        while (within(a, tx.send(base + i), a.runtime().choices().between(0, 2)).isEmpty()) {
                            pause(a);
                        }
                        pause(a);
                    }
                    tx.close();
                    return null;
                }));
            }
            List<Integer> got = sim.blockOn(Async.async(a -> {
                List<Integer> out = new ArrayList<>();
                while (true) {
                    Optional<Optional<Integer>> r = within(a, ch.receiver().recv(), a.runtime().choices().between(0, 3));
                    if (r.isEmpty()) {
                        continue;   // cut short: a cancelled recv loses nothing
                    }
                    if (r.get().isEmpty()) {
                        return out;
                    }
                    out.add(r.get().get());
                    pause(a);
                }
            }));
            assertEquals(senders * perSender, got.size(), "every message exactly once: " + got);
            for (int s = 0; s < senders; s++) {
                int base = s * 1000;
                List<Integer> mine = got.stream().filter(v -> v / 1000 == base / 1000).toList();
                List<Integer> expected = new ArrayList<>();
                for (int i = 0; i < perSender; i++) {
                    expected.add(base + i);
                }
                assertEquals(expected, mine, "sender " + s + " in order");
            }
            assertTrue(ch.receiver().isEnded());
        }

        @SimTest(runs = RUNS, faults = "swarm")
        void aBroadcastReceiverGetsEveryMessageOrExactlyHowManyItMissed(Simulation sim) {
            int capacity = draw(sim, 1, 4);
            int total = draw(sim, 1, 12);
            Broadcast<Integer> ch = Broadcast.create(capacity);
            BroadcastReceiver<Integer> second = ch.sender().subscribe();
            sim.spawn("sender", Async.async(a -> {
                for (int i = 0; i < total; i++) {
                    ch.sender().send(i);
                    pause(a);
                }
                ch.sender().close();
                return null;
            }));
            List<JoinHandle<List<Received<Integer>>>> readers = new ArrayList<>();
            for (BroadcastReceiver<Integer> rx : List.of(ch.receiver(), second)) {
                readers.add(sim.spawn("reader", Async.async(a -> {
                    List<Received<Integer>> seen = new ArrayList<>();
                    while (true) {
                        Optional<Received<Integer>> r = within(a, rx.recv(), a.runtime().choices().between(0, 3));
                        if (r.isEmpty()) {
                            continue;
                        }
                        if (r.get() instanceof Received.Closed<Integer>) {
                            return seen;
                        }
                        seen.add(r.get());
                        pause(a);
                    }
                })));
            }
            for (JoinHandle<List<Received<Integer>>> h : readers) {
                List<Received<Integer>> seen = sim.blockOn(h);
                long expected = 0;
                for (Received<Integer> r : seen) {
                    switch (r) {
                        case Received.Message<Integer> m -> {
                            assertEquals(expected, (long) m.value(), "messages in order, gaps only after a lag: " + seen);
                            expected++;
                        }
                        case Received.Lagged<Integer> l -> {
                            expected += l.missed();
                            assertTrue(expected <= total, "lag counts at most what was sent: " + seen);
                        }
                        case Received.Closed<Integer> c -> throw new AssertionError("closed is not collected");
                    }
                }
                assertEquals(total, expected, "messages received plus messages missed = messages sent: " + seen);
            }
        }

        @SimTest(runs = RUNS, faults = "swarm")
        void aWatchReceiverEndsUpSeeingTheLastValue(Simulation sim) {
            int total = draw(sim, 1, 10);
            Watch<Integer> w = Watch.create(0);
            WatchReceiver<Integer> other = w.receiver().cloneReceiver();
            sim.spawn("writer", Async.async(a -> {
                for (int i = 1; i <= total; i++) {
                    w.sender().send(i);
                    pause(a);
                }
                w.sender().close();
                return null;
            }));
            for (WatchReceiver<Integer> rx : List.of(w.receiver(), other)) {
                int last = sim.blockOn(Async.async(a -> {
                    int seen = 0;
                    while (true) {
                        Optional<Boolean> changed = within(a, rx.changed(), a.runtime().choices().between(0, 3));
                        if (changed.isEmpty()) {
                            continue;
                        }
                        if (!changed.get()) {
                            return seen;
                        }
                        int v = rx.borrowAndUpdate();
                        assertTrue(v > seen, "values only move forward: " + v + " after " + seen);
                        seen = v;
                    }
                }));
                assertEquals(total, last, "the last value is seen");
            }
        }

        @SimTest(runs = RUNS, faults = "swarm")
        void aOneshotDeliversItsValueOrEndsEmpty(Simulation sim) {
            Oneshot<String> ch = Oneshot.create();
            boolean sends = sim.choices().chance(0.7);
            sim.spawn("sender", Async.async(a -> {
                pause(a);
                if (sends) {
                    ch.sender().send("v");
                } else {
                    ch.sender().close();
                }
                return null;
            }));
            Optional<String> got = sim.blockOn(Async.async(a -> {
                while (true) {
                    Optional<Optional<String>> r = within(a, ch.receiver().recv(), a.runtime().choices().between(0, 2));
                    if (r.isPresent()) {
                        return r.get();
                    }
                }
            }));
            assertEquals(sends ? Optional.of("v") : Optional.empty(), got);
        }
    }

    @Nested
    class Locks {
        @SimTest(runs = RUNS, faults = "swarm")
        void aMutexAdmitsOneTaskAtATimeAndLosesNoUpdate(Simulation sim) {
            int tasks = draw(sim, 2, 5);
            int rounds = draw(sim, 1, 4);
            Mutex<Integer> m = Mutex.of(0);
            int[] inside = {0};
            List<Future<Integer>> workers = new ArrayList<>();
            for (int t = 0; t < tasks; t++) {
                workers.add(sim.spawn("worker-" + t, Async.async(a -> {
                    int done = 0;
                    for (int r = 0; r < rounds; r++) {
                        Optional<MutexGuard<Integer>> g = within(a, m.lock(), a.runtime().choices().between(0, 4));
                        if (g.isEmpty()) {
                            continue;   // gave up waiting: a cancelled lock() must pass any hand-over on
                        }
                        try (MutexGuard<Integer> guard = g.get()) {
                            assertEquals(0, inside[0], "two tasks inside the mutex");
                            inside[0]++;
                            int v = guard.get();
                            pause(a);
                            guard.set(v + 1);
                            inside[0]--;
                        }
                        done++;
                    }
                    return done;
                })));
            }
            int done = 0;
            for (Future<Integer> w : workers) {
                done += sim.blockOn(w);
            }
            assertEquals(done, m.tryLock().orElseThrow().get(), "every critical section's update kept");
        }

        @SimTest(runs = RUNS, faults = "swarm")
        void anRwLockAdmitsReadersTogetherOrOneWriter(Simulation sim) {
            RwLock<Integer> l = RwLock.of(0);
            int[] readers = {0};
            boolean[] writer = {false};
            List<Future<Void>> tasks = new ArrayList<>();
            int n = draw(sim, 2, 5);
            for (int t = 0; t < n; t++) {
                boolean writes = sim.choices().chance(0.4);
                tasks.add(sim.spawn((writes ? "writer-" : "reader-") + t, Async.async(a -> {
                    for (int r = 0; r < 3; r++) {
                        if (writes) {
                            Optional<RwLockWriteGuard<Integer>> g = within(a, l.write(), a.runtime().choices().between(0, 4));
                            if (g.isPresent()) {
                                assertTrue(readers[0] == 0 && !writer[0], "a writer shares the lock");
                                writer[0] = true;
                                pause(a);
                                g.get().set(g.get().get() + 1);
                                writer[0] = false;
                                g.get().close();
                            }
                        } else {
                            Optional<RwLockReadGuard<Integer>> g = within(a, l.read(), a.runtime().choices().between(0, 4));
                            if (g.isPresent()) {
                                assertTrue(!writer[0], "a reader beside a writer");
                                readers[0]++;
                                pause(a);
                                readers[0]--;
                                g.get().close();
                            }
                        }
                    }
                    return null;
                })));
            }
            for (Future<Void> t : tasks) {
                sim.blockOn(t);
            }
            assertTrue(l.tryWrite().isPresent(), "the lock is free at the end: " + l);
        }

        @SimTest(runs = RUNS, faults = "swarm")
        void aSemaphoreConservesItsPermits(Simulation sim) {
            long total = draw(sim, 1, 4);
            Semaphore s = Semaphore.of(total);
            long[] held = {0};
            List<Future<Void>> tasks = new ArrayList<>();
            for (int t = 0; t < draw(sim, 2, 5); t++) {
                tasks.add(sim.spawn("user-" + t, Async.async(a -> {
                    for (int r = 0; r < 3; r++) {
                        long n = a.runtime().choices().between(1, total);
                        Optional<Permit> p = a.runtime().choices().chance(0.3) ? s.tryAcquire(n)
                                : within(a, s.acquire(n), a.runtime().choices().between(0, 4));
                        if (p.isPresent()) {
                            held[0] += n;
                            assertTrue(held[0] <= total, "more permits held than exist: " + held[0]);
                            assertTrue(held[0] + s.availablePermits() <= total, "permits made out of nothing");
                            pause(a);
                            held[0] -= n;
                            p.get().close();
                        }
                    }
                    return null;
                })));
            }
            for (Future<Void> t : tasks) {
                sim.blockOn(t);
            }
            assertEquals(total, s.availablePermits(), "every permit is back, none swallowed by a cancelled waiter");
            assertEquals(0, s.waiting());
        }

        @SimTest(runs = RUNS, faults = "swarm")
        void mutexAndSemaphoreServeWaitersInTheOrderTheyStartedWaiting(Simulation sim) {
            // Each waiter takes every permit, so grants come one at a time and the order in which
            // the waiters complete is the order of the grants.
            long total = draw(sim, 1, 3);
            Semaphore s = Semaphore.of(total);
            Mutex<Void> m = Mutex.of(null);
            boolean mutex = sim.choices().chance(0.5);
            List<Integer> queued = new ArrayList<>();
            List<Integer> served = new ArrayList<>();
            List<Future<Void>> tasks = new ArrayList<>();
            for (int t = 0; t < draw(sim, 2, 6); t++) {
                int id = t;
                tasks.add(sim.spawn("waiter-" + t, Async.async(a -> {
                    pause(a);
                    Future<? extends AutoCloseable> acquire = mutex ? m.lock() : s.acquire(total);
                    boolean[] first = {true};
                    // Records the order in which acquisitions started waiting (their first Pending).
                    AutoCloseable held = a.await(cx -> {
                        Poll<? extends AutoCloseable> poll = acquire.poll(cx);
                        if (poll.isPending() && first[0]) {
                            queued.add(id);
                        }
                        first[0] = false;
                        return poll.map(g -> g);
                    });
                    if (queued.contains(id)) {
                        served.add(id);
                    }
                    pause(a);
                    held.close();
                    return null;
                })));
            }
            for (Future<Void> t : tasks) {
                sim.blockOn(t);
            }
            assertEquals(queued, served, "waiters served in FIFO order");
        }

        @SimTest(runs = RUNS, faults = "swarm")
        void notifyOneIsNeverLostEvenWhenWaitersGiveUp(Simulation sim) {
            Notify notify = new Notify();
            int total = draw(sim, 1, 8);
            int[] produced = {0};
            sim.spawn("producer", Async.async(a -> {
                for (int i = 0; i < total; i++) {
                    pause(a);
                    produced[0]++;
                    notify.notifyOne();
                }
                return null;
            }));
            int consumed = sim.blockOn(Async.async(a -> {
                int c = 0;
                while (c < total) {
                    if (produced[0] > c) {
                        c++;
                        continue;
                    }
                    // Waits, sometimes giving up (cancelling notified()); a notification must never be swallowed.
                    Bounded.completes(a, notify.notified(), a.runtime().choices().between(0, 3));
                }
                return c;
            }));
            assertEquals(total, consumed);
        }

        @SimTest(runs = RUNS, faults = "swarm")
        void aBarrierReleasesEachGenerationTogetherWithOneLeader(Simulation sim) {
            int parties = draw(sim, 1, 4);
            int generations = draw(sim, 1, 3);
            Barrier b = Barrier.of(parties);
            int[] arrivals = new int[generations];
            int[] leaders = new int[generations];
            List<Future<Void>> tasks = new ArrayList<>();
            for (int t = 0; t < parties; t++) {
                tasks.add(sim.spawn("party-" + t, Async.async(a -> {
                    for (int g = 0; g < generations; g++) {
                        pause(a);
                        arrivals[g]++;
                        BarrierWaitResult r = a.await(b.await());
                        assertEquals(parties, arrivals[g], "released before every party arrived");
                        if (r.isLeader()) {
                            leaders[g]++;
                        }
                    }
                    return null;
                })));
            }
            for (Future<Void> t : tasks) {
                sim.blockOn(t);
            }
            for (int g = 0; g < generations; g++) {
                assertEquals(1, leaders[g], "one leader in generation " + g);
            }
            assertEquals(generations, b.generation());
        }

        @SimTest(runs = RUNS, faults = "swarm")
        void cancellingATokenCancelsExactlyItsDescendants(Simulation sim) {
            ChoiceSource c = sim.choices();
            List<CancellationToken> tokens = new ArrayList<>(List.of(CancellationToken.create()));
            List<Integer> parentOf = new ArrayList<>(List.of(-1));
            for (int i = 1; i < draw(sim, 2, 8); i++) {
                int p = (int) c.between(0, tokens.size() - 1);
                tokens.add(tokens.get(p).child());
                parentOf.add(p);
            }
            int victim = (int) c.between(0, tokens.size() - 1);
            List<JoinHandle<Void>> waits = new ArrayList<>();
            for (int i = 0; i < tokens.size(); i++) {
                waits.add(sim.spawn("wait-" + i, tokens.get(i).cancelled()));
            }
            sim.blockOn(Async.async(a -> {
                pause(a);
                tokens.get(victim).cancel();
                return null;
            }));
            sim.blockOn(Async.async(a -> {
                a.yieldNow();
                return null;
            }));
            for (int i = 0; i < tokens.size(); i++) {
                boolean descendant = false;
                for (int j = i; j >= 0; j = parentOf.get(j)) {
                    descendant |= j == victim;
                }
                assertEquals(descendant, tokens.get(i).isCancelled(), "token " + i + " (victim " + victim + ")");
                if (descendant) {
                    sim.blockOn(waits.get(i));   // its cancelled() completed
                } else {
                    waits.get(i).abort();
                }
            }
        }
    }
}
