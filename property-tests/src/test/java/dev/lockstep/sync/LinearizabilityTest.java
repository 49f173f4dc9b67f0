package dev.lockstep.sync;

import static dev.lockstep.sync.Bounded.pause;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.async.Async;
import dev.lockstep.async.AsyncScope;
import dev.lockstep.future.Future;
import dev.lockstep.future.Poll;
import dev.lockstep.junit.SimTest;
import dev.lockstep.runtime.Simulation;
import dev.lockstep.sync.History.Op;
import dev.lockstep.sync.Linearizability.Model;
import dev.lockstep.sync.Linearizability.Step;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Random operation histories from several tasks, checked against sequential models: every history
 * {@code Mpsc} and {@code Semaphore} produce, in any schedule and under swarm faults, is one that
 * some sequential order of their atomic steps explains.
 */
class LinearizabilityTest {

    // ---------------------------------------------------------------- Mpsc

    /** The model of a bounded FIFO queue whose sends reserve a slot first, then queue. */
    record QueueState(List<Long> queue, int reserved, int senders) {}

    static Model<QueueState> mpscModel(int capacity, int senders) {
        return new Model<>() {
            @Override
            public QueueState initial() {
                return new QueueState(List.of(), 0, senders);
            }

            @Override
            public List<Step<QueueState>> next(QueueState s, Op op, int step) {
                boolean room = s.queue().size() + s.reserved() < capacity;
                return switch (op.kind()) {
                    case "send" -> step == 0
                            ? (room ? List.of(new Step<>(new QueueState(s.queue(), s.reserved() + 1, s.senders()), false))
                                    : List.of())
                            : List.of(new Step<>(new QueueState(append(s.queue(), op.arg()), s.reserved() - 1,
                                    s.senders()), true));
                    case "trySend" -> {
                        boolean sent = op.result() == TrySend.SENT;
                        if (sent != room) {
                            yield List.of();
                        }
                        yield List.of(new Step<>(sent ? new QueueState(append(s.queue(), op.arg()), s.reserved(),
                                s.senders()) : s, true));
                    }
                    case "recv", "tryRecv" -> {
                        @SuppressWarnings("unchecked")
                        Optional<Long> got = (Optional<Long>) op.result();
                        if (got.isPresent()) {
                            yield !s.queue().isEmpty() && s.queue().get(0).equals(got.get())
                                    ? List.of(new Step<>(new QueueState(s.queue().subList(1, s.queue().size()),
                                            s.reserved(), s.senders()), true))
                                    : List.of();
                        }
                        boolean ended = s.queue().isEmpty() && s.reserved() == 0 && s.senders() == 0;
                        yield (op.kind().equals("recv") ? ended : s.queue().isEmpty())
                                ? List.of(new Step<>(s, true)) : List.of();
                    }
                    case "close" -> List.of(new Step<>(new QueueState(s.queue(), s.reserved(), s.senders() - 1), true));
                    default -> throw new IllegalArgumentException(op.toString());
                };
            }
        };
    }

    static List<Long> append(List<Long> q, long v) {
        List<Long> out = new ArrayList<>(q);
        out.add(v);
        return List.copyOf(out);
    }

    static <T> T record(AsyncScope a, History h, String task, String kind, long arg, Future<T> op) {
        int id = h.invoke(task, kind, arg);
        T result = a.await(op);
        h.respond(id, result);
        return result;
    }

    @Nested
    class MpscHistories {
        @SimTest(runs = 400, faults = "swarm")
        void everyHistoryOfABoundedMpscIsLinearizable(Simulation sim) {
            int capacity = (int) sim.choices().between(1, 3);
            int producers = (int) sim.choices().between(1, 3);
            Mpsc<Long> ch = Mpsc.bounded(capacity);
            History h = new History();
            List<MpscSender<Long>> handles = new ArrayList<>(List.of(ch.sender()));
            while (handles.size() < producers) {
                handles.add(ch.sender().cloneSender());
            }
            for (int p = 0; p < producers; p++) {
                MpscSender<Long> tx = handles.get(p);
                String name = "producer-" + p;
                long base = 100L * p;
                sim.spawn(name, Async.async(a -> {
                    int ops = (int) a.runtime().choices().between(1, 4);
                    for (int i = 0; i < ops; i++) {
                        long v = base + i;
                        if (a.runtime().choices().chance(0.4)) {
                            int id = h.invoke(name, "trySend", v);
                            h.respond(id, tx.trySend(v));
                        } else {
                            record(a, h, name, "send", v, tx.send(v));
                        }
                        pause(a);
                    }
                    int id = h.invoke(name, "close", 0);
                    tx.close();
                    h.respond(id, null);
                    return null;
                }));
            }
            sim.blockOn(Async.async(a -> {
                while (true) {
                    if (a.runtime().choices().chance(0.3)) {
                        int id = h.invoke("consumer", "tryRecv", 0);
                        h.respond(id, ch.receiver().tryRecv());
                    } else if (record(a, h, "consumer", "recv", 0, ch.receiver().recv()).isEmpty()) {
                        return null;
                    }
                    pause(a);
                }
            }));
            Optional<String> verdict = Linearizability.check(h.ops(), mpscModel(capacity, producers));
            assertTrue(verdict.isEmpty(), () -> verdict.get() + "\n" + sim.replayString());
        }
    }

    // ---------------------------------------------------------------- Semaphore

    /** The model of a FIFO semaphore: free permits and the queue of waiting acquisitions. */
    record PermitState(long available, List<Integer> queue) {}

    /**
     * An {@code acquire(n)} is recorded as two operations: {@code enqueue} from its call to the end
     * of its first poll (result: whether that poll granted it), and, if it had to wait,
     * {@code grant} from there to its completion (result: the id of its {@code enqueue}). So the
     * moment it joined the queue is pinned, and a later {@code tryAcquire} that barged past it, or
     * a grant out of FIFO order, is not linearizable.
     */
    static Model<PermitState> semaphoreModel(long permits) {
        return new Model<>() {
            @Override
            public PermitState initial() {
                return new PermitState(permits, List.of());
            }

            @Override
            public List<Step<PermitState>> next(PermitState s, Op op, int step) {
                long n = op.arg();
                boolean now = s.queue().isEmpty() && s.available() >= n;
                return switch (op.kind()) {
                    case "enqueue" -> {
                        boolean granted = (Boolean) op.result();
                        if (granted != now) {
                            yield List.of();
                        }
                        yield List.of(new Step<>(granted ? new PermitState(s.available() - n, s.queue())
                                : new PermitState(s.available(), with(s.queue(), op.id())), true));
                    }
                    case "grant" -> {
                        int ref = (Integer) op.result();
                        yield !s.queue().isEmpty() && s.queue().get(0) == ref && s.available() >= n
                                ? List.of(new Step<>(new PermitState(s.available() - n,
                                        s.queue().subList(1, s.queue().size())), true))
                                : List.of();
                    }
                    case "tryAcquire" -> {
                        boolean got = (Boolean) op.result();
                        yield got != now ? List.<Step<PermitState>>of()
                                : List.of(new Step<>(got ? new PermitState(s.available() - n, s.queue()) : s, true));
                    }
                    case "release" -> List.of(new Step<>(new PermitState(s.available() + n, s.queue()), true));
                    default -> throw new IllegalArgumentException(op.toString());
                };
            }
        };
    }

    /** Awaits {@code acquire}, recording its {@code enqueue} and {@code grant}; see {@link #semaphoreModel}. */
    static Permit acquireRecorded(AsyncScope a, History h, String task, long n, Future<Permit> acquire) {
        int enqueue = h.invoke(task, "enqueue", n);
        int[] grant = {-1};
        boolean[] first = {true};
        Permit p = a.await(cx -> {
            Poll<Permit> poll = acquire.poll(cx);
            if (first[0]) {
                first[0] = false;
                h.respond(enqueue, poll.isReady());
                if (poll.isPending()) {
                    grant[0] = h.invoke(task, "grant", n);
                }
            }
            return poll;
        });
        if (grant[0] >= 0) {
            h.respond(grant[0], enqueue);
        }
        return p;
    }

    static List<Integer> with(List<Integer> q, int id) {
        List<Integer> out = new ArrayList<>(q);
        out.add(id);
        return List.copyOf(out);
    }

    @Nested
    class SemaphoreHistories {
        @SimTest(runs = 400, faults = "swarm")
        void everyHistoryOfASemaphoreIsLinearizable(Simulation sim) {
            long permits = sim.choices().between(1, 3);
            Semaphore sem = Semaphore.of(permits);
            History h = new History();
            List<Future<Void>> tasks = new ArrayList<>();
            int n = (int) sim.choices().between(2, 4);
            for (int t = 0; t < n; t++) {
                String name = "user-" + t;
                tasks.add(sim.spawn(name, Async.async(a -> {
                    for (int r = 0; r < (int) a.runtime().choices().between(1, 3); r++) {
                        long k = a.runtime().choices().between(1, permits);
                        Optional<Permit> p;
                        if (a.runtime().choices().chance(0.3)) {
                            int id = h.invoke(name, "tryAcquire", k);
                            p = sem.tryAcquire(k);
                            h.respond(id, p.isPresent());
                        } else {
                            p = Optional.of(acquireRecorded(a, h, name, k, sem.acquire(k)));
                        }
                        if (p.isPresent()) {
                            pause(a);
                            int id = h.invoke(name, "release", k);
                            p.get().close();
                            h.respond(id, null);
                        }
                        pause(a);
                    }
                    return null;
                })));
            }
            for (Future<Void> t : tasks) {
                sim.blockOn(t);
            }
            Optional<String> verdict = Linearizability.check(h.ops(), semaphoreModel(permits));
            assertTrue(verdict.isEmpty(), () -> verdict.get() + "\n" + sim.replayString());
        }
    }

    // ---------------------------------------------------------------- the checker itself

    @Nested
    class TheChecker {
        static Op op(int id, String kind, long arg, Object result, long invoke, long response) {
            return new Op(id, "t" + id, kind, arg, result, invoke, response);
        }

        @Test
        void rejectsAReceiveOutOfFifoOrder() {
            List<Op> h = List.of(
                    op(0, "trySend", 1, TrySend.SENT, 0, 1),
                    op(1, "trySend", 2, TrySend.SENT, 2, 3),
                    op(2, "tryRecv", 0, Optional.of(2L), 4, 5));
            assertTrue(Linearizability.check(h, mpscModel(4, 1)).isPresent());
        }

        @Test
        void acceptsOverlappingOperationsInEitherOrder() {
            List<Op> h = List.of(
                    op(0, "trySend", 1, TrySend.SENT, 0, 3),
                    op(1, "trySend", 2, TrySend.SENT, 1, 2),
                    op(2, "tryRecv", 0, Optional.of(2L), 4, 5));
            assertEquals(Optional.empty(), Linearizability.check(h, mpscModel(4, 1)));
        }

        @Test
        void rejectsPermitsMadeOutOfNothing() {
            List<Op> h = List.of(
                    op(0, "tryAcquire", 1, true, 0, 1),
                    op(1, "tryAcquire", 1, true, 2, 3));   // no release in between
            assertTrue(Linearizability.check(h, semaphoreModel(1)).isPresent());
        }

        @Test
        void acceptsAWaiterGrantedByALaterRelease() {
            List<Op> h = List.of(
                    op(0, "tryAcquire", 1, true, 0, 1),
                    op(1, "enqueue", 1, false, 2, 3),
                    op(2, "grant", 1, 1, 3, 6),
                    op(3, "release", 1, null, 4, 5));
            assertEquals(Optional.empty(), Linearizability.check(h, semaphoreModel(1)));
        }

        @Test
        void rejectsATryAcquireThatBargesPastAWaiter() {
            List<Op> h = List.of(
                    op(0, "enqueue", 2, false, 0, 1),     // waits for two of the one permit
                    op(1, "tryAcquire", 1, true, 2, 3));  // then the free one is taken past it
            assertTrue(Linearizability.check(h, semaphoreModel(1)).isPresent());
        }
    }
}
