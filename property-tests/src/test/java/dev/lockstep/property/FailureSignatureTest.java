package dev.lockstep.property;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.choice.ChoiceSource;
import dev.lockstep.future.Futures;
import dev.lockstep.runtime.Simulation;
import dev.lockstep.runtime.TaskFailedException;
import dev.lockstep.trace.DeterminismReport;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class FailureSignatureTest {

    private static int lineHere() {
        return new Throwable().getStackTrace()[1].getLineNumber();
    }

    @Nested
    class Assertions {
        @Test
        void theLocationIsTheUsersAssertionNotJUnitsInternals() {
            int line = lineHere() + 1;
            AssertionError e = assertThrows(AssertionError.class, () -> assertEquals(1, 2));
            FailureSignature s = FailureSignature.of(e);
            assertEquals(List.of("org.opentest4j.AssertionFailedError"), s.types());
            assertTrue(s.location().endsWith("(FailureSignatureTest.java:" + line + ")"), s.location());
        }

        @Test
        void aPlainAssertionErrorIsLocatedWhereItWasThrown() {
            int line = lineHere() + 1;
            AssertionError e = new AssertionError("boom");
            assertTrue(FailureSignature.of(e).location().endsWith("FailureSignatureTest.java:" + line + ")"));
        }

        @Test
        void framesOfTheLockstepLibrariesAreSkipped() {
            DeterminismReport differing = new DeterminismReport(false, 1, 2, 3, 0, null, null, "lockstep:1:");
            int line = lineHere() + 1;
            AssertionError e = assertThrows(AssertionError.class, differing::assertDeterministic);
            String location = FailureSignature.of(e).location();
            assertTrue(location.contains("FailureSignatureTest") && location.endsWith(":" + line + ")"), location);
        }

        @Test
        void theSameAssertionOnAnotherLineIsAnotherFailure() {
            AssertionError first = new AssertionError("x");
            AssertionError second = new AssertionError("x");
            assertNotEquals(FailureSignature.of(first), FailureSignature.of(second));
            assertEquals(FailureSignature.of(first), FailureSignature.of(first));
        }
    }

    @Nested
    class Wrappers {
        @Test
        void aFailedTaskIsNamedWithTheTypeOfWhatItThrew() {
            Simulation sim = Simulation.builder().choices(ChoiceSource.replay(new int[0])).build(); // FIFO
            int line = lineHere() + 2;
            sim.spawn("checker", Futures.lazy(() -> {
                throw new AssertionError("inside a task");
            }));
            TaskFailedException e = assertThrows(TaskFailedException.class, () -> sim.blockOn(Futures.yieldNow()));
            FailureSignature s = FailureSignature.of(e);
            assertEquals(List.of(TaskFailedException.class.getName(), AssertionError.class.getName()), s.types());
            assertTrue(s.location().endsWith("FailureSignatureTest.java:" + line + ")"), s.location());
            assertEquals("TaskFailedException caused by AssertionError at " + s.location(), s.toString());
        }

        @Test
        void otherExceptionsAreTheirTypeAlone() {
            FailureSignature s = FailureSignature.of(new IllegalStateException("x", new AssertionError()));
            assertEquals(List.of(IllegalStateException.class.getName()), s.types());
            assertEquals("", s.location());
            assertEquals(s, FailureSignature.of(new IllegalStateException("another message")));
            assertNotEquals(s, FailureSignature.of(new IllegalArgumentException("x")));
        }
    }
}
