package dev.lockstep.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.future.Context;
import dev.lockstep.future.Future;
import dev.lockstep.future.Poll;
import dev.lockstep.future.RawWaker;
import dev.lockstep.future.RawWakerVTable;
import dev.lockstep.future.Waker;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class SelfReferencesTest {

    /** Stores the waker of each poll; refers to nothing of its own. */
    static final class Waiter implements Future<Void> {
        Waker waker;

        @Override
        public Poll<Void> poll(Context cx) {
            waker = cx.waker();
            return Poll.pending();
        }
    }

    static final class Node implements Future<Void> {
        final List<Object> children = new ArrayList<>();
        Consumer<String> listener;
        Waker childWaker;

        @Override
        public Poll<Void> poll(Context cx) {
            return Poll.pending();
        }

        void onLine(String line) {
            children.add(line);
        }
    }

    static final class Inner {
        final Object owner;

        Inner(Object owner) {
            this.owner = owner;
        }
    }

    @Nested
    class ThroughFields {
        @Test
        void aFutureWithoutBackReferencesHasNone() {
            assertEquals(Optional.empty(), SelfReferences.find(new Node()));
        }

        @Test
        void anInnerObjectPointingAtTheFutureIsPrintedAsAFieldPath() {
            Node n = new Node();
            n.children.add("x");
            n.children.add(new Inner(n));
            assertEquals(Optional.of("Node.children[1].owner"), SelfReferences.find(n));
        }

        @Test
        void aLambdaThatCapturedTheFutureIsFoundThroughItsCapturedArgument() {
            Node n = new Node();
            n.listener = n::onLine;
            assertEquals(Optional.of("Node.listener.<captured 1>"), SelfReferences.find(n));
        }

        @Test
        void aWakerWhoseDataIsTheFutureRefersBack() {
            Node n = new Node();
            n.childWaker = Waker.of(n, new RawWakerVTable(d -> new RawWaker(d, null), d -> { }, d -> { }, d -> { }));
            assertEquals(Optional.of("Node.childWaker.data"), SelfReferences.find(n));
        }
    }

    @Nested
    class ThroughRegistrations {
        @Test
        void aStoredTaskWakerIsNotASelfReference() {
            Simulation sim = Simulation.builder().build();
            Waiter w = new Waiter();
            sim.spawn("waiter", w);
            sim.advance(java.time.Duration.ZERO);
            assertTrue(w.waker != null);
            assertEquals(Optional.empty(), SelfReferences.find(w, sim));
        }

        @Test
        void aTimerCallbackThatCapturedTheFutureIsFoundFromTheTimer() {
            Simulation sim = Simulation.builder().build();
            Node n = new Node();
            sim.handle().runAt(5_000, () -> n.onLine("tick"));
            Optional<String> path = SelfReferences.find(n, sim);
            assertEquals(Optional.of("timer@0.000005000s set by event.action.<captured 1>"), path);
            assertEquals(Optional.empty(), SelfReferences.find(n), "not through its own fields");
        }

        @Test
        void aCallbackKeptByAServiceIsFoundFromTheService() {
            Simulation sim = Simulation.builder().build();
            Node n = new Node();
            List<Consumer<String>> registry = new ArrayList<>();
            registry.add(n::onLine);
            sim.install(List.class, registry);
            assertEquals(Optional.of("service List[0].<captured 1>"), SelfReferences.find(n, sim));
        }
    }
}
