package dev.lockstep.examples.hunt;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lockstep.runtime.Simulation;
import java.util.List;
import org.junit.jupiter.api.Test;

class FailureGroupsTest {
    private static RunOutcome failing(long run, Throwable t) {
        return new RunOutcome(run, run, Simulation.builder().seed(run).build(), t);
    }

    @Test
    void numbersInTheMessageDoNotSplitAGroup() {
        List<FailureGroups.Group> g = FailureGroups.of(List.of(
                failing(0, new IllegalStateException("deadlock: 2 tasks are blocked\n - task 'a'#1")),
                failing(3, new IllegalStateException("deadlock: 3 tasks are blocked\n - task 'b'#7"))));
        assertEquals(1, g.size());
        assertEquals(2, g.get(0).runs().size());
        assertEquals("IllegalStateException: deadlock: # tasks are blocked", g.get(0).title());
    }

    @Test
    void anotherTypeOrAnotherMessageIsAnotherGroupInOrderOfFirstRun() {
        List<FailureGroups.Group> g = FailureGroups.of(List.of(
                failing(0, new IllegalStateException("queue full")),
                failing(1, new IllegalArgumentException("queue full")),
                failing(2, new IllegalStateException("queue empty")),
                failing(5, new IllegalStateException("queue full"))));
        assertEquals(List.of(0L, 1L, 2L), g.stream().map(x -> x.first().index()).toList());
        assertEquals(List.of(2, 1, 1), g.stream().map(x -> x.runs().size()).toList());
    }

    @Test
    void anAssertionAtAnotherLineIsAnotherGroup() {
        AssertionError a = new AssertionError("x");
        AssertionError b = new AssertionError("x");
        assertEquals(2, FailureGroups.of(List.of(failing(0, a), failing(1, b))).size());
    }

    @Test
    void theContentsOfAListDoNotSplitAGroup() {
        assertEquals(FailureGroups.shape(new IllegalStateException("charged 2 times: [ch_1, ch_2]; got ch_1")),
                FailureGroups.shape(new IllegalStateException("charged 3 times: [ch_1, ch_2, ch_7]; got ch_2")));
        assertEquals("charged # times: [...]; got ch_#",
                FailureGroups.shape(new IllegalStateException("charged 3 times: [ch_1, ch_2, ch_7]; got ch_2")));
    }

    @Test
    void longMessagesAreCut() {
        String shape = FailureGroups.shape(new IllegalStateException("y".repeat(500)));
        assertEquals(FailureGroups.SHAPE_LENGTH, shape.length());
    }
}
