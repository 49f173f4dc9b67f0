package dev.lockstep.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.future.Futures;
import dev.lockstep.future.JoinHandle;
import dev.lockstep.future.Poll;
import dev.lockstep.testkit.TestFutures;
import dev.lockstep.time.Sleep;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TaskSetTest {

    /** A child that counts its polls, waiting for a sleep of {@code ms}. */
    static final class Counted implements dev.lockstep.future.Future<Integer>, dev.lockstep.future.Cancellable {
        final int id;
        final Sleep sleep;
        int polls;

        Counted(int id, long ms) {
            this.id = id;
            this.sleep = Sleep.of(Duration.ofMillis(ms));
        }

        @Override
        public Poll<Integer> poll(dev.lockstep.future.Context cx) {
            polls++;
            return sleep.poll(cx).map(x -> id);
        }

        @Override
        public void cancel() {
            sleep.cancel();
        }
    }

    @Test
    void onlyChildrenWhoseWakersFiredArePolled() {
        Simulation sim = Simulation.builder().seed(3).build();
        TaskSet<Integer> set = TaskSet.create();
        List<Counted> children = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            Counted c = new Counted(i, 10L * (i + 1));
            children.add(c);
            set.add(c);
        }
        List<Integer> order = sim.blockOn(set.collectAll());
        assertEquals(100, order.size());
        for (int i = 0; i < 100; i++) {
            assertEquals(i, order.get(i), "children complete in deadline order");
            assertEquals(2, children.get(i).polls, "child " + i + " polled once to register, once when woken");
        }
    }

    @Test
    void theOrderAmongReadyChildrenIsAChoice() {
        Set<List<Integer>> orders = new HashSet<>();
        for (long seed = 0; seed < 50; seed++) {
            Simulation sim = Simulation.builder().seed(seed).build();
            TaskSet<Integer> set = TaskSet.create();
            for (int i = 0; i < 4; i++) {
                set.add(Futures.ready(i));
            }
            orders.add(sim.blockOn(set.collectAll()));
        }
        assertTrue(orders.size() > 5, orders.toString());
    }

    @Test
    void anEmptySetCompletesWithNothing() {
        Simulation sim = Simulation.builder().build();
        TaskSet<Integer> set = TaskSet.create();
        assertTrue(sim.blockOn(set.next()).isEmpty());
    }

    @Test
    void childrenSurvivePendingOnceAndInterleavedPending() {
        Simulation sim = Simulation.builder().seed(9).build();
        TaskSet<Integer> set = TaskSet.create();
        for (int i = 0; i < 10; i++) {
            set.add(TestFutures.interleavePending(TestFutures.pendingOnce(new Counted(i, 5L * i))));
        }
        List<Integer> all = sim.blockOn(TestFutures.interleavePending(set.collectAll()));
        assertEquals(10, new HashSet<>(all).size());
    }

    @Test
    void cancellingTheSetCancelsEveryChild() {
        Simulation sim = Simulation.builder().build();
        TaskSet<Integer> set = TaskSet.create();
        List<Counted> children = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Counted c = new Counted(i, 1000);
            children.add(c);
            set.add(c);
        }
        JoinHandle<List<Integer>> h = sim.spawn("set", new SetFuture(set));
        sim.advance(Duration.ofMillis(1));
        assertEquals(3, sim.pendingTimers());
        h.abort();
        assertEquals(0, sim.pendingTimers());
        for (Counted c : children) {
            assertTrue(c.sleep.isTerminated());
        }
    }

    private record SetFuture(TaskSet<Integer> set) implements dev.lockstep.future.Future<List<Integer>>,
            dev.lockstep.future.Cancellable {
        @Override
        public Poll<List<Integer>> poll(dev.lockstep.future.Context cx) {
            return set.collectAll().poll(cx);
        }

        @Override
        public void cancel() {
            set.cancel();
        }
    }
}
