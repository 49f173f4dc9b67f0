package dev.lockstep.internal.generator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Choosing the generator backend: the property, detection, the warning. */
class GeneratorsTest {
    static final GeneratorFactory CONTINUATIONS = new GeneratorFactory() {
        @Override
        public String name() {
            return "continuation";
        }

        @Override
        public Generator create(String name, Runnable body) {
            throw new UnsupportedOperationException();
        }
    };

    @Nested
    class Selection {
        @Test
        void autoChoosesContinuationsWhenAvailableWithoutAWarning() {
            for (String property : new String[] {null, "", "auto", " auto "}) {
                GeneratorSelection s = Generators.select(property, CONTINUATIONS, null);
                assertSame(CONTINUATIONS, s.factory(), "property '" + property + "'");
                assertNull(s.warning());
            }
        }

        @Test
        void autoFallsBackToThreadsWithAWarningNamingTheFlagAndTheProperty() {
            GeneratorSelection s = Generators.select(null, null, "not exported");
            assertEquals("thread", s.factory().name());
            assertTrue(s.warning().contains("--add-exports java.base/jdk.internal.vm=ALL-UNNAMED")
                    && s.warning().contains("-Dlockstep.generator=thread"), s.warning());
        }

        @Test
        void forcingThreadsNeedsNoWarning() {
            GeneratorSelection s = Generators.select("thread", CONTINUATIONS, null);
            assertEquals("thread", s.factory().name());
            assertNull(s.warning());
        }

        @Test
        void forcingUnavailableContinuationsFailsOnEveryUseSayingWhyAndHowToFixIt() {
            GeneratorSelection s = Generators.select("continuation", null, "class not accessible");
            for (int i = 0; i < 2; i++) {
                IllegalStateException e = assertThrows(IllegalStateException.class, s::factory);
                assertTrue(e.getMessage().contains("-Dlockstep.generator=continuation")
                        && e.getMessage().contains("class not accessible")
                        && e.getMessage().contains("--add-exports java.base/jdk.internal.vm=ALL-UNNAMED"), e.getMessage());
            }
        }

        @Test
        void anUnknownValueIsRejectedListingTheValidOnes() {
            GeneratorSelection s = Generators.select("fibers", CONTINUATIONS, null);
            IllegalStateException e = assertThrows(IllegalStateException.class, s::factory);
            assertTrue(e.getMessage().contains("'fibers'") && e.getMessage().contains("continuation, thread or auto"),
                    e.getMessage());
        }
    }

    @Nested
    class ThisJvm {
        /** The build sets lockstep.expectedGenerator per test execution (see sim-runtime/pom.xml). */
        @Test
        void theDefaultBackendIsTheOneThisTestExecutionExpects() {
            String expected = System.getProperty("lockstep.expectedGenerator");
            assumeTrue(expected != null, "run by the build, which says which backend each execution expects");
            assertEquals(expected, Generators.defaultFactory().name());
        }

        @Test
        void continuationsAreAvailableExactlyWhenNoReasonAgainstThemWasFound() {
            assertEquals(Generators.continuations().isPresent(), Generators.continuationsUnavailableBecause().isEmpty());
            Generators.continuationsUnavailableBecause().ifPresent(why ->
                    assertTrue(why.contains("jdk.internal.vm"), why));
        }
    }
}
