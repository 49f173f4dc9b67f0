package dev.lockstep.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.future.Futures;
import dev.lockstep.future.Poll;
import dev.lockstep.runtime.DeadlockException;
import dev.lockstep.runtime.Simulation;
import dev.lockstep.time.Sleep;
import dev.lockstep.trace.Trace;
import dev.lockstep.trace.TraceEvent;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The tasks the interop adapters start are named after the user code they run for, or as the user says. */
class InteropTaskNamesTest {
    /** A task name that holds no identity hash code or hidden class address. */
    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_.]*/[a-z-]+(-[0-9]+)?");

    private static List<String> spawned(Simulation sim) {
        return sim.trace().events().stream().filter(e -> e instanceof TraceEvent.Spawned)
                .map(e -> ((TraceEvent.Spawned) e).name()).toList();
    }

    @Nested
    class ToCompletableFuture {
        @Test
        void itsTaskIsNamedAfterTheCodeThatCalledItInTheTraceAndInADeadlockReport() {
            Simulation sim = Simulation.builder().build();
            CompletableFuture<Void> never = Interop.toCompletableFuture(Futures.pending(), sim);
            DeadlockException e = assertThrows(DeadlockException.class,
                    () -> sim.blockOn(Interop.fromCompletionStage(never)));
            String name = "ToCompletableFuture.itsTaskIsNamedAfterTheCodeThatCalledItInTheTraceAndInADeadlockReport"
                    + "/to-completable-future";
            assertTrue(e.getMessage().contains("task '" + name + "'#0"), e.getMessage());
            assertTrue(Trace.format(sim.trace().events()).contains("spawn '" + name + "'#0"),
                    Trace.format(sim.trace().events()));
            assertTrue(PLAIN_NAME.matcher(name).matches());
        }

        @Test
        void aHelperThatCallsItNamesTheTaskAfterItself() {
            Simulation sim = Simulation.builder().build();
            assertEquals(3, sim.blockOn(Interop.fromCompletionStage(convertInAHelper(sim))));
            assertTrue(spawned(sim).contains("ToCompletableFuture.convertInAHelper/to-completable-future"),
                    spawned(sim).toString());
        }

        private CompletableFuture<Integer> convertInAHelper(Simulation sim) {
            return Interop.toCompletableFuture(Futures.ready(3), sim);
        }

        @Test
        void aNameGivenByTheUserIsTheTasksName() {
            Simulation sim = Simulation.builder().build();
            CompletableFuture<Void> never = Interop.toCompletableFuture("checkout-bridge", Futures.pending(), sim);
            DeadlockException e = assertThrows(DeadlockException.class,
                    () -> sim.blockOn(Interop.fromCompletionStage(never)));
            assertTrue(e.getMessage().contains("task 'checkout-bridge'#0"), e.getMessage());
        }

        @Test
        void insideATaskTheTasksCodeNamesIt() {
            Simulation sim = Simulation.builder().build();
            sim.blockOn(Futures.pollFn(cx -> {
                Interop.toCompletableFuture(Futures.ready(5), cx.runtime());
                return Poll.ready(null);
            }));
            String here = "ToCompletableFuture.insideATaskTheTasksCodeNamesIt";
            assertTrue(spawned(sim).contains(here + "/to-completable-future"), spawned(sim).toString());
            sim.blockOn(Futures.pollFn(cx -> {
                Interop.toCompletableFuture("inner-bridge", Futures.ready(5), cx.runtime());
                return Poll.ready(null);
            }));
            assertTrue(spawned(sim).contains("inner-bridge"), spawned(sim).toString());
        }
    }

    @Nested
    class AsyncStages {
        @Test
        void aStageIsNamedAfterTheCodeThatRegisteredItNotTheCodeThatCompletedItsSource() {
            Simulation sim = Simulation.builder().build();
            CompletableFuture<Integer> source = Interop.toCompletableFuture(Sleep.of(Duration.ofMillis(5)).map(x -> 1),
                    sim);
            CompletableFuture<Integer> doubled = registerInAHelper(source);
            assertEquals(2, sim.blockOn(Interop.fromCompletionStage(doubled)));
            String trace = Trace.format(sim.trace().events());
            assertTrue(trace.contains("spawn 'AsyncStages.registerInAHelper/async-1'"), trace);
        }

        private CompletableFuture<Integer> registerInAHelper(CompletableFuture<Integer> source) {
            return source.thenApplyAsync(x -> x * 2);
        }

        @Test
        void aStageWhoseResultNeverComesIsNamedInTheTraceOfTheDeadlock() {
            Simulation sim = Simulation.builder().build();
            CompletableFuture<Integer> source = Interop.toCompletableFuture(Futures.ready(1), sim);
            CompletableFuture<Void> stuck = source.thenComposeAsync(x -> new CompletableFuture<Void>());
            DeadlockException e = assertThrows(DeadlockException.class,
                    () -> sim.blockOn(Interop.fromCompletionStage(stuck)));
            String here = "AsyncStages.aStageWhoseResultNeverComesIsNamedInTheTraceOfTheDeadlock";
            assertTrue(e.getMessage().contains("spawn '" + here + "/async-1'#2 by #0"), e.getMessage());
            assertTrue(e.getMessage().contains("end '" + here + "/async-1'#2 OK"), e.getMessage());
        }

        @Test
        void anExecutorThatNamesItsTasksGivesTheStageTheUsersName() {
            Simulation sim = Simulation.builder().build();
            CompletableFuture<Integer> source = Interop.toCompletableFuture(Futures.ready(1), sim);
            CompletableFuture<Integer> parsed = source.thenApplyAsync(x -> x + 1,
                    sim.scheduledExecutor().naming("parse-reply"));
            assertEquals(2, sim.blockOn(Interop.fromCompletionStage(parsed)));
            assertTrue(spawned(sim).contains("parse-reply"), spawned(sim).toString());
        }

        @Test
        void namesAreTheSameOnEveryRun() {
            List<String> first = stagesOfOneRun();
            assertEquals(first, stagesOfOneRun());
            assertTrue(first.stream().allMatch(n -> PLAIN_NAME.matcher(n).matches()), first.toString());
        }

        private List<String> stagesOfOneRun() {
            Simulation sim = Simulation.builder().seed(7).build();
            CompletableFuture<Integer> source = Interop.toCompletableFuture(Futures.ready(1), sim);
            CompletableFuture<Integer> out = source.thenApplyAsync(x -> x + 1).thenApplyAsync(x -> x * 3);
            assertEquals(6, sim.blockOn(Interop.fromCompletionStage(out)));
            return spawned(sim).stream().filter(n -> !n.equals("main")).toList();
        }
    }
}
