package dev.lockstep.internal.generator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.lockstep.future.RuntimeHandle;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The generator contract, on every backend this JVM can run. */
class GeneratorTest {

    static Stream<GeneratorFactory> backends() {
        return Stream.concat(Stream.of(Generators.threads()), Generators.continuations().stream());
    }

    /**
     * A runtime that only records baton passes: who it was passed to, from which thread. The
     * baton starts with the test thread; any other method fails.
     */
    static final class BatonRecorder {
        final List<String> passes = new ArrayList<>();
        Thread holder = Thread.currentThread();
        final RuntimeHandle runtime = (RuntimeHandle) Proxy.newProxyInstance(RuntimeHandle.class.getClassLoader(),
                new Class<?>[] {RuntimeHandle.class}, (proxy, method, args) -> {
                    if (!method.getName().equals("passBaton")) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    Thread to = (Thread) args[0];
                    assertSame(holder, Thread.currentThread(), "passBaton called by a thread that does not hold it");
                    passes.add((to.isVirtual() ? "virtual" : to.getName()));
                    Thread previous = holder;
                    holder = to;
                    return previous;
                });
    }

    @Nested
    class Contract {
        @ParameterizedTest
        @MethodSource("dev.lockstep.internal.generator.GeneratorTest#backends")
        void resumeRunsTheBodyUntilItSuspendsThenContinuesItFromThere(GeneratorFactory backend) {
            List<String> log = new ArrayList<>();
            Generator[] g = new Generator[1];
            g[0] = backend.create("steps", () -> {
                log.add("a");
                g[0].suspend();
                log.add("b");
                g[0].suspend();
                log.add("c");
            });
            assertTrue(log.isEmpty(), "nothing runs before the first resume");
            assertFalse(g[0].resume(new BatonRecorder().runtime));
            assertEquals(List.of("a"), log);
            assertFalse(g[0].resume(new BatonRecorder().runtime));
            assertEquals(List.of("a", "b"), log);
            assertTrue(g[0].resume(new BatonRecorder().runtime));
            assertEquals(List.of("a", "b", "c"), log);
            assertTrue(g[0].isDone());
            assertEquals(backend.name(), g[0].backend());
        }

        @ParameterizedTest
        @MethodSource("dev.lockstep.internal.generator.GeneratorTest#backends")
        void resumingAFinishedGeneratorIsRejected(GeneratorFactory backend) {
            Generator g = backend.create("short", () -> { });
            assertTrue(g.resume(new BatonRecorder().runtime));
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> g.resume(new BatonRecorder().runtime));
            assertTrue(e.getMessage().contains("'short' resumed after its body ended"), e.getMessage());
        }

        @ParameterizedTest
        @MethodSource("dev.lockstep.internal.generator.GeneratorTest#backends")
        void suspendFromOutsideTheRunningBodyIsRejected(GeneratorFactory backend) {
            Generator[] g = new Generator[1];
            g[0] = backend.create("outside", () -> g[0].suspend());
            IllegalStateException before = assertThrows(IllegalStateException.class, g[0]::suspend);
            assertTrue(before.getMessage().contains("not from its running body"), before.getMessage());
            assertFalse(g[0].resume(new BatonRecorder().runtime));
            assertThrows(IllegalStateException.class, g[0]::suspend);
        }

        @ParameterizedTest
        @MethodSource("dev.lockstep.internal.generator.GeneratorTest#backends")
        void aThrowableEscapingTheBodyIsRethrownFromTheResumeItEscapedIn(GeneratorFactory backend) {
            AssertionError escaped = new AssertionError("escaped");
            Generator[] g = new Generator[1];
            g[0] = backend.create("thrower", () -> {
                g[0].suspend();
                throw escaped;
            });
            assertFalse(g[0].resume(new BatonRecorder().runtime));
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> g[0].resume(new BatonRecorder().runtime));
            assertSame(escaped, e.getCause());
            assertTrue(g[0].isDone());
        }

        @ParameterizedTest
        @MethodSource("dev.lockstep.internal.generator.GeneratorTest#backends")
        void aNestedGeneratorSuspendsOnlyItself(GeneratorFactory backend) {
            List<String> log = new ArrayList<>();
            BatonRecorder baton = new BatonRecorder();
            Generator[] inner = new Generator[1];
            inner[0] = backend.create("inner", () -> {
                log.add("inner 1");
                inner[0].suspend();
                log.add("inner 2");
            });
            Generator[] outer = new Generator[1];
            outer[0] = backend.create("outer", () -> {
                log.add("outer sees inner done: " + inner[0].resume(baton.runtime));
                log.add("outer sees inner done: " + inner[0].resume(baton.runtime));
                outer[0].suspend();
                log.add("outer 2");
            });
            assertFalse(outer[0].resume(baton.runtime));
            assertEquals(List.of("inner 1", "outer sees inner done: false", "inner 2", "outer sees inner done: true"),
                    log);
            assertTrue(outer[0].resume(baton.runtime));
            assertEquals("outer 2", log.get(log.size() - 1));
            assertSame(Thread.currentThread(), baton.holder, "the baton is back with the test thread");
        }
    }

    @Nested
    class Threads {
        @Test
        void theBodyRunsOnAVirtualThreadThatHoldsTheBatonWhileItRuns() {
            BatonRecorder baton = new BatonRecorder();
            Thread test = Thread.currentThread();
            List<Boolean> heldByBody = new ArrayList<>();
            Generator[] g = new Generator[1];
            g[0] = Generators.threads().create("baton", () -> {
                heldByBody.add(baton.holder == Thread.currentThread() && Thread.currentThread().isVirtual());
                g[0].suspend();
                heldByBody.add(baton.holder == Thread.currentThread());
            });
            assertFalse(g[0].resume(baton.runtime));
            assertSame(test, baton.holder);
            assertTrue(g[0].resume(baton.runtime));
            assertSame(test, baton.holder);
            assertEquals(List.of(true, true), heldByBody);
            assertEquals(List.of("virtual", test.getName(), "virtual", test.getName()), baton.passes);
        }

        @Test
        void noThreadStartsBeforeTheFirstResumeAndTheThreadEndsWithTheBody() throws InterruptedException {
            ThreadGenerator g = (ThreadGenerator) Generators.threads().create("life", () -> { });
            assertNull(g.thread());
            assertTrue(g.resume(new BatonRecorder().runtime));
            g.thread().join(Duration.ofSeconds(30));
            assertFalse(g.thread().isAlive());
        }

        @Test
        void anInterruptOfTheResumerDoesNotBreakTheHandOffAndIsKept() {
            Thread test = Thread.currentThread();
            Generator[] g = new Generator[1];
            g[0] = Generators.threads().create("interrupt", () -> {
                test.interrupt();
                g[0].suspend();
            });
            try {
                assertFalse(g[0].resume(new BatonRecorder().runtime));
                assertTrue(Thread.interrupted(), "the interrupt is restored for the resumer to see");
                assertTrue(g[0].resume(new BatonRecorder().runtime));
            } finally {
                Thread.interrupted();
            }
        }
    }

    @Nested
    class Continuations {
        @Test
        void theBodyRunsOnTheResumersThreadAndNeedsNoBaton() {
            assumeTrue(Generators.continuations().isPresent(), "needs " + Generators.ENABLING_FLAG);
            BatonRecorder baton = new BatonRecorder();
            List<Thread> ranOn = new ArrayList<>();
            Generator[] g = new Generator[1];
            g[0] = Generators.continuations().orElseThrow().create("here", () -> {
                ranOn.add(Thread.currentThread());
                g[0].suspend();
                ranOn.add(Thread.currentThread());
            });
            g[0].resume(baton.runtime);
            g[0].resume(baton.runtime);
            assertEquals(List.of(Thread.currentThread(), Thread.currentThread()), ranOn);
            assertEquals(List.of(), baton.passes);
        }
    }
}
