package dev.lockstep.async;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.choice.ChoiceSource;
import dev.lockstep.future.Future;
import dev.lockstep.future.Futures;
import dev.lockstep.future.JoinHandle;
import dev.lockstep.future.Poll;
import dev.lockstep.internal.generator.Generators;
import dev.lockstep.runtime.Simulation;
import dev.lockstep.runtime.TaskFailedException;
import dev.lockstep.testkit.MockTask;
import dev.lockstep.testkit.TestFutures;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Misuse of async futures and their scopes fails with an IllegalStateException that says what to do. */
class AsyncMisuseTest {

    static void assertMessage(Throwable e, String... parts) {
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), "expected '" + part + "' in: " + e.getMessage());
        }
    }

    @Nested
    class Scopes {
        @Test
        void awaitOnAScopeThatEscapedAfterItsBodyEndedIsRejected() {
            AtomicReference<AsyncScope> leaked = new AtomicReference<>();
            Simulation.builder().build().blockOn(Async.async(a -> {
                leaked.set(a);
                return null;
            }));
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> leaked.get().await(Futures.ready(1)));
            assertMessage(e, "await on an AsyncScope whose body has ended", "escaped", "task 'main'#0", "at step",
                    "replay lockstep:");
            assertThrows(IllegalStateException.class, () -> leaked.get().now());
        }

        @Test
        void awaitFromAnotherTaskWhileTheBodyIsSuspendedIsRejected() {
            Simulation sim = Simulation.builder().build();
            AtomicReference<AsyncScope> leaked = new AtomicReference<>();
            sim.spawn("owner", Async.async(a -> {
                leaked.set(a);
                a.sleep(Duration.ofSeconds(10));
                return null;
            }));
            String message = sim.blockOn(Async.async(a -> {
                a.sleep(Duration.ofSeconds(1));
                try {
                    leaked.get().await(Futures.ready(1));
                    return "accepted";
                } catch (IllegalStateException e) {
                    return e.getMessage();
                }
            }));
            assertTrue(message.startsWith("await on an AsyncScope while its body is suspended (body of task 'owner'#0)"),
                    message);
            assertTrue(message.contains("task 'main'#1 at step") && message.contains("replay lockstep:"), message);
        }

        @Test
        void useFromAnotherThreadIsRejected() {
            Simulation sim = Simulation.builder().build();
            List<Throwable> failures = sim.blockOn(Async.async(a -> {
                List<Throwable> seen = new ArrayList<>();
                Thread stranger = new Thread(() -> {
                    try {
                        a.await(Futures.ready(1));
                    } catch (IllegalStateException e) {
                        seen.add(e);
                    }
                    try {
                        a.now();
                    } catch (IllegalStateException e) {
                        seen.add(e);
                    }
                }, "stranger");
                stranger.start();
                stranger.join();
                return seen;
            }));
            assertEquals(2, failures.size(), failures.toString());
            assertMessage(failures.get(0), "await on an AsyncScope from thread 'stranger'", "not the thread running its body",
                    "at step", "replay lockstep:");
            assertMessage(failures.get(1), "now on an AsyncScope from thread 'stranger'");
        }

        @Test
        void aNestedBodyAwaitingOnTheOuterScopeIsRejected() {
            Simulation sim = Simulation.builder().build();
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> sim.blockOn(Async.async(a ->
                    a.await(Async.async(b -> a.await(Futures.ready(1)))))));
            assertMessage(e, "from inside a future its body is awaiting", "use the scope your own body was given");
        }

        @Test
        void aPolledNestedBodyAwaitingOnTheOuterScopeIsRejected() {
            Simulation sim = Simulation.builder().build();
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> sim.blockOn(Async.async(a ->
                    a.await(TestFutures.pendingOnce(Async.async(b -> a.await(Futures.ready(1))))))));
            assertMessage(e, "from inside a future its body is awaiting");
        }
    }

    @Nested
    class Polls {
        @Test
        void pollingAfterCompletionIsRejected() {
            MockTask<Integer> task = MockTask.of(Async.async(a -> 1));
            assertEquals(Poll.ready(1), task.poll());
            IllegalStateException e = assertThrows(IllegalStateException.class, task::poll);
            assertMessage(e, "async future polled after completion", "fuse()");
        }

        @Test
        void pollingAfterTheBodyThrewIsRejected() {
            MockTask<Integer> task = MockTask.of(Async.async(a -> {
                throw new ArithmeticException("bad sum");
            }));
            assertThrows(ArithmeticException.class, task::poll);
            assertMessage(assertThrows(IllegalStateException.class, task::poll), "polled after completion");
        }

        @Test
        void pollingFromASecondTaskWhileTheBodyIsSuspendedInTheFirstIsRejected() {
            Simulation sim = Simulation.builder().choices(ChoiceSource.replay(new int[0])).build();
            Future<Integer> shared = Async.async(a -> {
                a.sleep(Duration.ofSeconds(1));
                return 1;
            });
            JoinHandle<Integer> first = sim.spawn("first", shared);
            JoinHandle<Integer> second = sim.spawn("second", shared);
            TaskFailedException e = assertThrows(TaskFailedException.class, () -> sim.blockOn(Async.async(a ->
                    a.await(first) + a.await(second))));
            assertEquals("second", e.taskName());
            IllegalStateException cause = assertInstanceOf(IllegalStateException.class, e.getCause());
            assertMessage(cause, "polled from task 'second'#1", "suspended in task 'first'#0",
                    "two tasks must not poll one async future", "await its JoinHandle");
        }

        @Test
        void aBodyAwaitingItsOwnFutureIsRejected() {
            AtomicReference<Future<Integer>> self = new AtomicReference<>();
            self.set(Async.async(a -> a.await(TestFutures.pendingOnce(self.get()))));
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> Simulation.builder().build().blockOn(self.get()));
            assertMessage(e, "async future polled while its body is running", "it awaits itself");
        }

        @Test
        void aBodyCancellingItsOwnFutureIsRejected() {
            AtomicReference<Future<Integer>> self = new AtomicReference<>();
            self.set(Async.async(a -> {
                Futures.cancel(self.get());
                return 1;
            }));
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> Simulation.builder().build().blockOn(self.get()));
            assertMessage(e, "cancel() of an async future while its body is running", "a body cannot cancel itself");
        }

        @Test
        void pollingAnInlineBodyFromOutsideIsRejected() {
            Simulation sim = Simulation.builder().build();
            AtomicReference<Future<Integer>> inner = new AtomicReference<>();
            inner.set(Async.async(b -> {
                b.sleep(Duration.ofSeconds(10));
                return 1;
            }));
            sim.spawn("outer", Async.async(a -> a.await(inner.get())));
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> sim.blockOn(Async.async(a -> {
                a.sleep(Duration.ofSeconds(1));
                return a.await(TestFutures.pendingOnce(inner.get()));
            })));
            assertMessage(e, "polled while its body is running", "another body awaits it");
        }
    }

    @Nested
    class Monitors {
        /**
         * A continuation holding a monitor could not be suspended before JDK 24 (JEP 491 lifted
         * that); the backend then says why instead of the JDK's bare "Pinned: MONITOR".
         */
        @Test
        void awaitingInsideSynchronizedSuspendsOrSaysWhyItCannot() {
            Object lock = new Object();
            Simulation sim = Simulation.builder().build();
            Future<String> f = Async.async(a -> {
                synchronized (lock) {
                    try {
                        a.yieldNow();
                        return "suspended holding the monitor";
                    } catch (IllegalStateException e) {
                        return e.getMessage();
                    }
                }
            });
            String out = sim.blockOn(f);
            if (Generators.defaultFactory().name().equals("continuation") && Runtime.version().feature() < 24) {
                assertTrue(out.contains("cannot suspend here") && out.contains("synchronized"), out);
            } else {
                assertEquals("suspended holding the monitor", out);
            }
        }
    }
}
