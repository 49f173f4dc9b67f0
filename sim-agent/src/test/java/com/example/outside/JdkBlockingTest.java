package com.example.outside;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.async.Async;
import dev.lockstep.future.Futures;
import dev.lockstep.internal.generator.GeneratorFactory;
import dev.lockstep.internal.generator.Generators;
import dev.lockstep.runtime.EscapeException;
import dev.lockstep.runtime.Simulation;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.Test;

class JdkBlockingTest extends AgentTestCase {
    /** Code that blocks, as a library would write it. */
    static final class Blocker {
        static void nap(long ms) {
            try {
                Thread.sleep(ms);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        static void waitForLatch(CountDownLatch latch) throws InterruptedException {
            latch.await();
        }

        static void startWorker() {
            new Thread(() -> { }).start();
        }

        /** Timed waits and sleeps of zero: none of them waits. */
        static String waitForNothing() throws Exception {
            Thread.sleep(0);
            Thread.sleep(Duration.ZERO);
            LockSupport.parkNanos(0);
            String got;
            try {
                got = String.valueOf(new CompletableFuture<Integer>().get(0, TimeUnit.SECONDS));
            } catch (TimeoutException e) {
                got = "timed out";
            }
            ReentrantLock lock = new ReentrantLock();
            Condition c = lock.newCondition();
            lock.lock();
            try {
                return got + ", latch " + new CountDownLatch(1).await(0, TimeUnit.SECONDS) + ", condition "
                        + c.await(0, TimeUnit.SECONDS) + " " + (c.awaitNanos(0) <= 0);
            } finally {
                lock.unlock();
            }
        }

        static boolean awaitUntil(Date deadline) throws InterruptedException {
            ReentrantLock lock = new ReentrantLock();
            Condition c = lock.newCondition();
            lock.lock();
            try {
                return c.awaitUntil(deadline);
            } finally {
                lock.unlock();
            }
        }
    }

    @Test
    void sleepInsideAnAsyncBodyWaitsInVirtualTimeAndLetsOthersRun() {
        List<String> out = repeat("jdk-sleep-in-body", JdkBlockingTest::sleepsInABodyBesideAnother);
        assertTrue(out.stream().allMatch("other@100 main@300"::equals), out.get(0));
    }

    /** A body that sleeps 300 ms through the JDK beside a task that sleeps 100 ms; what each saw. */
    private static String sleepsInABodyBesideAnother(Simulation sim) {
        StringBuilder log = new StringBuilder();
        sim.spawn("other", Async.async(a -> {
            a.sleep(Duration.ofMillis(100));
            log.append("other@").append(sim.clock().elapsed().toMillis()).append(' ');
            return null;
        }));
        return sim.blockOn(Async.async(a -> {
            Blocker.nap(250);
            TimeUnit.MILLISECONDS.sleep(50);
            return log + "main@" + sim.clock().elapsed().toMillis();
        }));
    }

    @Test
    void onTheThreadBackendSleepsInBodiesWaitInVirtualTimeAfterTheLoopMoves() {
        // The thread backend moves the run's loop to a virtual thread after the first await: the
        // rewritten calls must still find the run and the body there.
        List<String> out = repeat("jdk-sleep-in-body-threads", 20, b -> b, sim -> {
            sim.install(GeneratorFactory.class, Generators.threads());
            return sleepsInABodyBesideAnother(sim);
        });
        assertTrue(out.stream().allMatch("other@100 main@300"::equals), out.get(0));
    }

    @Test
    void onTheThreadBackendASleepInAPollAfterTheLoopMovesIsReportedAtTheCaller() {
        Simulation sim = Simulation.builder().seed(5).build();
        sim.install(GeneratorFactory.class, Generators.threads());
        EscapeException e = assertThrows(EscapeException.class, () -> sim.blockOn(Async.async(a -> {
            a.yieldNow();
            return a.await(a.spawn("napper", Futures.lazy(() -> {
                Blocker.nap(10);
                return 1;
            })));
        })));
        assertNamesCaller(e, Blocker.class.getName(), "java.lang.Thread.sleep(long)");
        assertEquals("'napper'#1", e.task());
    }

    @Test
    void joinOfACompletableFutureInsideABodyAwaitsIt() {
        List<Long> out = repeat("jdk-join-in-body", sim -> sim.blockOn(Async.async(a -> {
            CompletableFuture<Long> f = CompletableFuture.supplyAsync(() -> sim.clock().elapsed().toMillis(),
                    CompletableFuture.delayedExecutor(5, TimeUnit.SECONDS));
            return f.join() + f.get();
        })));
        assertTrue(out.stream().allMatch(v -> v == 10_000L), String.valueOf(out.get(0)));
    }

    @Test
    void sleepInAPollIsReportedAtTheCallerWithTheFix() {
        Simulation sim = Simulation.builder().seed(5).build();
        EscapeException e = assertThrows(EscapeException.class, () -> sim.blockOn(Futures.lazy(() -> {
            Blocker.nap(10);
            return 1;
        })));
        assertNamesCaller(e, Blocker.class.getName(), "java.lang.Thread.sleep(long)");
        assertTrue(e.getMessage().contains("a.sleep(d)"), e.getMessage());
        assertEquals("'main'#0", e.task());
    }

    @Test
    void aThreadStartIsReported() {
        Simulation sim = Simulation.builder().seed(5).build();
        EscapeException e = assertThrows(EscapeException.class, () -> sim.blockOn(Async.async(a -> {
            Blocker.startWorker();
            return 1;
        })));
        assertNamesCaller(e, Blocker.class.getName(), "java.lang.Thread.start()");
    }

    @Test
    void aLatchThatWouldBlockIsReportedAndOneAtZeroIsNot() {
        Simulation sim = Simulation.builder().seed(5).build();
        EscapeException e = assertThrows(EscapeException.class, () -> sim.blockOn(Async.async(a -> {
            Blocker.waitForLatch(new CountDownLatch(0));
            Blocker.waitForLatch(new CountDownLatch(1));
            return 1;
        })));
        assertNamesCaller(e, Blocker.class.getName(), "CountDownLatch.await()");
        assertTrue(e.getMessage().contains("with the count at 1"), e.getMessage());
    }

    @Test
    void timedWaitsAndSleepsOfZeroInAPollGoThrough() {
        Simulation sim = Simulation.builder().seed(5).build();
        String got = sim.blockOn(Futures.lazy(() -> {
            try {
                return Blocker.waitForNothing();
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }));
        assertEquals("timed out, latch false, condition false true", got);
    }

    @Test
    void aConditionAwaitUntilIsReported() {
        Date deadline = new Date(Instant.now().plusSeconds(1).toEpochMilli());   // real time: no run on this thread yet
        Simulation sim = Simulation.builder().seed(5).build();
        EscapeException e = assertThrows(EscapeException.class, () -> sim.blockOn(Futures.lazy(() -> {
            try {
                return Blocker.awaitUntil(deadline);
            } catch (InterruptedException interrupted) {
                throw new AssertionError(interrupted);
            }
        })));
        assertNamesCaller(e, Blocker.class.getName(), "Condition.awaitUntil");
    }

    @Test
    void uncontendedLocksAndQueuesWithElementsGoThrough() throws Exception {
        Simulation sim = Simulation.builder().seed(5).build();
        int got = sim.blockOn(Async.async(a -> {
            ReentrantLock lock = new ReentrantLock();
            lock.lock();
            lock.unlock();
            LinkedBlockingQueue<Integer> q = new LinkedBlockingQueue<>();
            q.put(41);
            return q.take() + 1;
        }));
        assertEquals(42, got);
    }

    @Test
    void anEscapeTheCodeSwallowsStillFailsTheRun() {
        Simulation sim = Simulation.builder().seed(5).build();
        EscapeException e = assertThrows(EscapeException.class, () -> sim.blockOn(Async.async(a -> {
            try {
                Blocker.startWorker();
            } catch (RuntimeException swallowed) {
                // a library that logs and carries on
            }
            return 1;
        })));
        assertNamesCaller(e, Blocker.class.getName(), "java.lang.Thread.start()");
    }
}
