package dev.lockstep.async;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.choice.ChoiceSource;
import dev.lockstep.future.Context;
import dev.lockstep.future.Future;
import dev.lockstep.future.Futures;
import dev.lockstep.future.JoinHandle;
import dev.lockstep.future.Poll;
import dev.lockstep.future.Waker;
import dev.lockstep.internal.generator.Generators;
import dev.lockstep.runtime.Simulation;
import dev.lockstep.runtime.TaskFailedException;
import dev.lockstep.sync.Mpsc;
import dev.lockstep.testkit.CountingWaker;
import dev.lockstep.testkit.MockTask;
import dev.lockstep.testkit.Wakers;
import dev.lockstep.time.Sleep;
import dev.lockstep.trace.TraceEvent;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Async bodies on the JVM's default generator backend (the build runs this class on both). */
class AsyncTest {

    @Nested
    class Bodies {
        @Test
        void nothingRunsBeforeTheFirstPoll() {
            AtomicInteger runs = new AtomicInteger();
            Future<Integer> f = Async.async(a -> runs.incrementAndGet());
            assertEquals(0, runs.get());
            assertEquals(1, MockTask.of(f).poll().value());
        }

        @Test
        void aBodyWhoseAwaitsAreAllReadyCompletesInItsFirstPoll() {
            MockTask<Integer> task = MockTask.of(Async.async(a -> a.await(Futures.ready(40)) + a.await(Futures.ready(2))));
            assertEquals(Poll.ready(42), task.poll());
            assertFalse(task.isWoken());
        }

        @Test
        void aBodySuspendsOnAPendingFutureAndResumesWhereItStopped() {
            Mpsc<Integer> ch = Mpsc.unbounded();
            List<String> log = new ArrayList<>();
            MockTask<String> task = MockTask.of(Async.async(a -> {
                log.add("before");
                int v = a.await(ch.receiver().recv()).orElseThrow();
                log.add("after " + v);
                return "got " + v;
            }));
            assertTrue(task.poll().isPending());
            assertEquals(List.of("before"), log);
            assertFalse(task.isWoken());
            ch.sender().trySend(7);
            assertTrue(task.isWoken(), "the awaited future stored the poll's waker");
            assertEquals(Poll.ready("got 7"), task.poll());
            assertEquals(List.of("before", "after 7"), log);
        }

        @Test
        void aSpuriousPollPollsTheAwaitedFutureAgainAndStaysPending() {
            AtomicInteger polls = new AtomicInteger();
            Future<Void> never = cx -> {
                polls.incrementAndGet();
                return Poll.pending();
            };
            MockTask<Void> task = MockTask.of(Async.async(a -> a.await(never)));
            assertTrue(task.poll().isPending());
            assertTrue(task.poll().isPending());
            assertTrue(task.poll().isPending());
            assertEquals(3, polls.get());
        }

        @Test
        void theAwaitedFutureSeesTheWakerOfEachPoll() {
            Simulation sim = Simulation.builder().build();
            List<Waker> seen = new ArrayList<>();
            Future<Void> f = Async.async(a -> a.await(cx -> {
                seen.add(cx.waker());
                return Poll.pending();
            }));
            CountingWaker first = Wakers.counting();
            CountingWaker second = Wakers.counting();
            f.poll(new Context(first.waker(), sim.handle()));
            f.poll(new Context(second.waker(), sim.handle()));
            assertSame(first.waker(), seen.get(0));
            assertSame(second.waker(), seen.get(1));
        }

        @Test
        void sleepWaitsInVirtualTime() {
            Simulation sim = Simulation.builder().build();
            Instant woke = sim.blockOn(Async.async(a -> {
                a.sleep(Duration.ofHours(10));
                return a.now();
            }));
            assertEquals(Instant.EPOCH.plus(Duration.ofHours(10)), woke);
            assertEquals(Duration.ofHours(10), sim.clock().elapsed());
        }

        @Test
        void yieldNowLetsTheOtherRunnableTaskRunBeforeContinuing() {
            Simulation sim = Simulation.builder().choices(ChoiceSource.replay(new int[0])).build();
            List<String> log = new ArrayList<>();
            for (String name : List.of("x", "y")) {
                sim.spawn(name, Async.async(a -> {
                    for (int i = 0; i < 3; i++) {
                        log.add(name + i);
                        a.yieldNow();
                    }
                    return null;
                }));
            }
            sim.blockOn(Sleep.of(Duration.ofSeconds(1)));
            assertEquals(List.of("x0", "y0", "x1", "y1", "x2", "y2"), log);
        }

        @Test
        void spawnStartsATaskWhoseHandleTheBodyCanAwait() {
            Simulation sim = Simulation.builder().build();
            String out = sim.blockOn(Async.async(a -> {
                JoinHandle<String> child = a.spawn("child", Async.async(b -> {
                    b.sleep(Duration.ofSeconds(1));
                    return "child done at " + b.now().getEpochSecond() + "s";
                }));
                return a.await(child) + ", parent at " + a.now().getEpochSecond() + "s";
            }));
            assertEquals("child done at 1s, parent at 1s", out);
            assertEquals(2, sim.trace().events().stream()
                    .filter(e -> e instanceof TraceEvent.Spawned).count());
        }

        @Test
        void theScopeGivesTheContextAndRuntimeOfThePollRunningTheBody() {
            Simulation sim = Simulation.builder().build();
            CountingWaker waker = Wakers.counting();
            AtomicReference<Context> seen = new AtomicReference<>();
            Future<Boolean> f = Async.async(a -> {
                seen.set(a.context());
                return a.runtime() == sim.handle();
            });
            Context cx = new Context(waker.waker(), sim.handle());
            assertEquals(Poll.ready(true), f.poll(cx));
            assertSame(cx, seen.get());
        }

        @Test
        void nestedBodiesDeeperThanOneGeneratorHoldCompleteWithEveryLevelsWork() {
            // 200 levels: more than one generator's inline chain, so some levels are polled.
            Simulation sim = Simulation.builder().build();
            assertEquals(200, sim.blockOn(AsyncScenarios.recursion(200)));
            assertEquals(0, sim.pendingTimers());
        }
    }

    @Nested
    class Errors {
        @Test
        void anExceptionThrownByTheBodyIsThrownFromPollUnchanged() {
            IllegalArgumentException boom = new IllegalArgumentException("boom");
            MockTask<Object> task = MockTask.of(Async.async(a -> {
                a.yieldNow();
                throw boom;
            }));
            assertTrue(task.poll().isPending());
            assertSame(boom, assertThrows(IllegalArgumentException.class, task::poll));
        }

        @Test
        void aCheckedExceptionIsWrappedNamingWhereTheRunWas() {
            Simulation sim = Simulation.builder().build();
            CompletionException e = assertThrows(CompletionException.class, () -> sim.blockOn(Async.async(a -> {
                a.sleep(Duration.ofMillis(5));
                throw new IOException("disk on fire");
            })));
            assertInstanceOf(IOException.class, e.getCause());
            assertTrue(e.getMessage().contains("task 'main'#0") && e.getMessage().contains("t=0.005s")
                    && e.getMessage().contains("replay lockstep:2:"), e.getMessage());
        }

        @Test
        void anExceptionFromAnAwaitedFutureIsThrownFromAwaitWhereTheBodyCanCatchIt() {
            Simulation sim = Simulation.builder().build();
            String out = sim.blockOn(Async.async(a -> {
                try {
                    a.await(Async.async(b -> {
                        b.sleep(Duration.ofSeconds(1));
                        throw new IllegalStateException("inner failed");
                    }));
                    return "no exception";
                } catch (IllegalStateException e) {
                    return "caught " + e.getMessage() + " at " + a.now().getEpochSecond() + "s";
                }
            }));
            assertEquals("caught inner failed at 1s", out);
        }

        @Test
        void aFailingBodyInASpawnedTaskFailsItsJoinHandleWithTheCause() {
            Simulation sim = Simulation.builder().build();
            TaskFailedException e = assertThrows(TaskFailedException.class, () -> sim.blockOn(Async.async(a ->
                    a.await(a.spawn("worker", Async.async(b -> {
                        b.yieldNow();
                        throw new UnsupportedOperationException("worker gave up");
                    }))))));
            assertEquals("worker", e.taskName());
            assertInstanceOf(UnsupportedOperationException.class, e.getCause());
        }
    }

    @Nested
    class DoneWhen {
        @Test
        void twoAsyncTasksPlayPingPongOverAChannel() {
            List<String> log = AsyncScenarios.pingPong(Simulation.builder().seed(3).build(), 20);
            assertEquals(41, log.size(), log.toString());
            long lastMillis = 0;
            for (int i = 0; i < 40; i++) {
                String[] parts = log.get(i).split(" ");
                assertEquals(i % 2 == 0 ? "pong" : "ping", parts[0], log.toString());
                assertEquals(i, Integer.parseInt(parts[2]), log.toString());
                long millis = Long.parseLong(parts[3].substring(1));
                assertTrue(millis >= lastMillis, "time went backwards: " + log);
                lastMillis = millis;
            }
            assertEquals("done 20 20", log.get(40));
        }

        @Test
        void aTimeoutInsideABodyExpiresAndReleasesTheInnerTimer() {
            Simulation sim = Simulation.builder().build();
            assertEquals("timed out at 1970-01-01T00:00:01Z", AsyncScenarios.timeoutInsideABody(sim));
            assertEquals(0, sim.pendingTimers());
        }

        @Test
        void nestedAsyncBodiesCompleteInnermostFirst() {
            Simulation sim = Simulation.builder().build();
            assertEquals(3 + 2 + 1, AsyncScenarios.nested(sim));
            assertEquals(Duration.ofMillis(2 * (3 + 2 + 1)), sim.clock().elapsed());
        }

        @Test
        void recursionThroughAwaitReachesDepthTenThousand() {
            Simulation sim = Simulation.builder().build();
            assertEquals(10_000, sim.blockOn(AsyncScenarios.recursion(10_000)));
        }

        @Test
        void theSameSeedGivesTheSameTraceHash() {
            for (long seed = 0; seed < 20; seed++) {
                Simulation first = Simulation.builder().seed(seed).build();
                Simulation second = Simulation.builder().seed(seed).build();
                assertEquals(AsyncScenarios.pingPong(first, 5), AsyncScenarios.pingPong(second, 5), "seed " + seed);
                assertEquals(first.traceHash(), second.traceHash(), "seed " + seed);
            }
        }

        @Test
        void theDeterminismCheckFindsNoDifference() {
            Simulation.builder().seed(11).checkDeterminism(sim -> {
                AsyncScenarios.pingPong(sim, 5);
                AsyncScenarios.nested(sim);
            }).assertDeterministic();
        }
    }

    @Nested
    class Backend {
        @Test
        void theBodyRunsWhereTheChosenBackendRunsIt() {
            Thread test = Thread.currentThread();
            Thread body = Simulation.builder().build().blockOn(Async.async(a -> Thread.currentThread()));
            switch (Generators.defaultFactory().name()) {
                case "continuation" -> assertSame(test, body, "a continuation runs on the polling thread");
                case "thread" -> assertTrue(body.isVirtual() && body != test, "runs on " + body);
                default -> throw new AssertionError(Generators.defaultFactory().name());
            }
        }
    }
}
