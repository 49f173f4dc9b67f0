package dev.lockstep.interop;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.async.Async;
import dev.lockstep.runtime.DeadlockException;
import dev.lockstep.runtime.Simulation;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class InteropDeadlockTest {
    @Test
    void aStageNothingInTheSimulationCompletesIsNamedInTheDeadlock() {
        Simulation sim = Simulation.builder().seed(1).build();
        CompletableFuture<Integer> completedElsewhere = new CompletableFuture<>();
        DeadlockException e = assertThrows(DeadlockException.class, () -> sim.blockOn(Async.async(a ->
                a.await(Interop.fromCompletionStage(completedElsewhere)))));
        assertTrue(e.getMessage().contains("it awaits a CompletionStage that no simulation task completes: completed"
                + " by a real thread such as the common pool?"), e.getMessage());
    }

    @Test
    void aStageAwaitedAsTheTasksOwnFutureIsNamedInTheDeadlock() {
        Simulation sim = Simulation.builder().seed(1).build();
        CompletableFuture<Integer> completedElsewhere = new CompletableFuture<>();
        DeadlockException e = assertThrows(DeadlockException.class, () ->
                sim.blockOn(Interop.fromCompletionStage(completedElsewhere)));
        assertTrue(e.getMessage().contains("it awaits a CompletionStage that no simulation task completes: completed"
                + " by a real thread such as the common pool?"), e.getMessage());
    }

    @Test
    void aTaskBlockedOnAnotherTaskIsNotBlamedOnAStage() {
        Simulation sim = Simulation.builder().seed(1).build();
        DeadlockException e = assertThrows(DeadlockException.class, () -> sim.blockOn(Async.async(a ->
                a.await(sim.spawn("never", dev.lockstep.future.Futures.pending())))));
        assertTrue(!e.getMessage().contains("CompletionStage"), e.getMessage());
    }
}
