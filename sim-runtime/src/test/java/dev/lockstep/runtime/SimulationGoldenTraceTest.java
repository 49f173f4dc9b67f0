package dev.lockstep.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lockstep.async.Async;
import dev.lockstep.choice.Choices;
import dev.lockstep.fault.FaultKind;
import dev.lockstep.fault.FaultPlan;
import dev.lockstep.future.Context;
import dev.lockstep.future.FusedFuture;
import dev.lockstep.future.JoinHandle;
import dev.lockstep.future.Poll;
import dev.lockstep.future.Waker;
import dev.lockstep.schedule.Scheduler;
import dev.lockstep.time.Sleep;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Fixed-seed runs whose trace hash, choices and outcome are pinned to constants recorded from the
 * executor as it was before it was split into parts: a change to the executor's internals that
 * moves one trace event, draws one more choice or rewords one error fails here. The trace hashes
 * (and the hashes of messages that quote the trace) were recorded again, once, when a hand-off
 * became one trace event (the poll carries its wake; issue 17); choices and outcomes did not move.
 *
 * <p>Each run is summed up as {@code "<trace hash> <choices> <outcome>"}: the trace hash in hex,
 * the hash of the replay string (every choice drawn, in order), and the outcome: {@code ok:<value>}
 * ({@code ok#<hash>} for a long value) or the exception's class and the hash of its message. When
 * a constant has to change on purpose, the failure message prints the new one.
 */
class SimulationGoldenTraceTest {

    /**
     * {@code text} with every version-2 replay string of {@code sim} written as the version-1 string
     * of the same draws (a swarm run's plan draws first), the form the constants were recorded in.
     */
    static String asVersion1(Simulation sim, String text) {
        int[] all = sim.choices().recorded();
        int setupDraws = all.length - sim.replay().size();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("lockstep:2:[A-Za-z0-9_-]*").matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            int[] tail = Choices.parse(m.group());
            int[] v1 = java.util.Arrays.copyOf(all, setupDraws + tail.length);
            System.arraycopy(tail, 0, v1, setupDraws, tail.length);
            m.appendReplacement(sb, Choices.format(v1));
        }
        return m.appendTail(sb).toString();
    }

    /** The summary of one run: trace hash, choices drawn, and what the run returned or threw. */
    static String summary(Simulation.Builder builder, Function<Simulation, Object> workload) {
        Simulation sim = builder.build();
        String outcome;
        try {
            String value = asVersion1(sim, String.valueOf(workload.apply(sim)));
            outcome = value.length() <= 40 && !value.contains("\n") ? "ok:" + value
                    : "ok#" + Integer.toHexString(value.hashCode());
        } catch (RuntimeException e) {
            // Messages carry the version-2 replay string; it is pinned as the choices it holds (the
            // version-1 string of every choice drawn), so the constants predate version 2 unchanged.
            String message = asVersion1(sim, String.valueOf(e.getMessage())
                    .replace(Thread.currentThread().getName(), "<owner>"));
            outcome = e.getClass().getSimpleName() + ":" + Integer.toHexString(message.hashCode());
        }
        return String.format("%016x %08x %s", sim.traceHash(), Choices.format(sim.choices().recorded()).hashCode(),
                outcome);
    }

    static List<String> summaries(Function<Long, Simulation.Builder> builders, Function<Simulation, Object> workload,
            long... seeds) {
        List<String> out = new ArrayList<>();
        for (long seed : seeds) {
            out.add(summary(builders.apply(seed), workload));
        }
        return out;
    }

    // ---------------------------------------------------------------- workloads

    /**
     * A worker doubles numbers the main task sends it over a channel, sleeping a drawn number of
     * milliseconds between them, while a ticker sleeps and yields; the main task joins the worker.
     */
    static Object relay(Simulation sim) {
        TestChannel<Integer> in = new TestChannel<>(false);
        TestChannel<Integer> out = new TestChannel<>(false);
        JoinHandle<Integer> worker = sim.spawn("worker", Async.async(a -> {
            int sum = 0;
            for (int i = 0; i < 6; i++) {
                int n = a.await(in.recv());
                a.sleep(Duration.ofMillis(a.runtime().choices().between(0, 3)));
                out.send(n * 2);
                sum += n;
            }
            return sum;
        }));
        sim.spawn("ticker", Async.async(a -> {
            for (int i = 0; i < 4; i++) {
                a.sleep(Duration.ofMillis(2));
                a.yieldNow();
            }
            return null;
        }));
        return sim.blockOn(Async.async(a -> {
            int got = 0;
            for (int i = 0; i < 6; i++) {
                in.send(i);
                got += a.await(out.recv());
            }
            return got + "/" + a.await(worker) + " at " + a.now();
        }));
    }

    /** {@code tasks} plain poll futures pass a token around a ring {@code handOffs} times. */
    static Object ring(Simulation sim, int tasks, int handOffs) {
        Waker[] wakers = new Waker[tasks];
        int[] state = {0, handOffs}; // holder, remaining
        for (int i = 0; i < tasks; i++) {
            int index = i;
            int next = (i + 1) % tasks;
            sim.spawn("ring-" + i, cx -> {
                wakers[index] = cx.waker();
                if (state[0] != index) {
                    return Poll.pending();
                }
                if (--state[1] == 0) {
                    return Poll.ready(null);
                }
                state[0] = next;
                if (wakers[next] != null) {
                    wakers[next].wakeByRef();
                }
                return Poll.pending();
            });
        }
        sim.blockOn(Sleep.of(Duration.ofMillis(1)));
        return sim.step() + " polls, " + sim.liveTasks() + " live";
    }

    /** A receiver whose channel loses its waker, awaited by the main task next to a sleeper: a deadlock. */
    static Object lostWakeup(Simulation sim) {
        TestChannel<Integer> ch = new TestChannel<>(true);
        JoinHandle<Integer> receiver = sim.spawn("receiver", ch.recv());
        sim.spawn("sleeper", Sleep.of(Duration.ofMillis(5)));
        sim.spawn("sender", Async.async(a -> {
            a.sleep(Duration.ofMillis(1));
            ch.send(1);
            return null;
        }));
        return sim.blockOn(receiver);
    }

    /**
     * Aborts: a task aborted by another at 1 s, a host crash, an awaited aborted handle, then
     * shutdown and a spawn after it.
     */
    static Object aborts(Simulation sim) {
        List<String> log = new ArrayList<>();
        JoinHandle<Object> sleeper = sim.spawn("sleeper", Async.async(a -> {
            a.sleep(Duration.ofSeconds(10));
            log.add("sleeper woke");
            return null;
        }));
        sim.spawnOnHost("db", "db-server", Sleep.of(Duration.ofSeconds(30)));
        sim.spawnOnHost("db", "db-client", Async.async(a -> {
            a.spawn("db-child", Sleep.of(Duration.ofSeconds(30)));
            a.sleep(Duration.ofSeconds(30));
            return null;
        }));
        sim.spawn("killer", Async.async(a -> {
            a.sleep(Duration.ofSeconds(1));
            sleeper.abort();
            log.add("aborted " + a.runtime().step());
            return null;
        }));
        sim.blockOn(Async.async(a -> {
            try {
                a.await(sleeper);
            } catch (TaskAbortedException e) {
                log.add("join: " + e.getMessage());
            }
            a.sleep(Duration.ofSeconds(2));
            return null;
        }));
        log.add("crashed " + sim.abortHost("db"));
        sim.spawn("left", Sleep.of(Duration.ofSeconds(1)));
        sim.shutdown();
        try {
            sim.spawn("late", Sleep.of(Duration.ofSeconds(1)));
        } catch (IllegalStateException e) {
            log.add(e.getMessage());
        }
        return log;
    }

    /** Driving by hand: tasks and an event action run as the clock is advanced from outside. */
    static Object advances(Simulation sim) {
        List<String> log = new ArrayList<>();
        sim.spawn("a", Async.async(a -> {
            for (int i = 0; i < 3; i++) {
                a.sleep(Duration.ofMillis(300));
                log.add("a " + a.now());
            }
            return null;
        }));
        sim.handle().runAt(Duration.ofMillis(450).toNanos(), () -> log.add("event at " + sim.nanos()));
        sim.spawn("b", Sleep.of(Duration.ofMillis(700)));
        sim.advance(Duration.ofMillis(100));
        sim.advance(Duration.ofMillis(500));
        sim.advance(Duration.ZERO);
        sim.advance(Duration.ofSeconds(1));
        log.add(sim.liveTasks() + " live, " + sim.pendingTimers() + " timers");
        return log;
    }

    /** A task that yields forever: the step limit. */
    static Object busyLoop(Simulation sim) {
        sim.spawn("spinner", Async.async(a -> {
            while (true) {
                a.yieldNow();
            }
        }));
        return sim.blockOn(Sleep.of(Duration.ofSeconds(1)));
    }

    /** A sleep past the virtual time limit. */
    static Object longSleep(Simulation sim) {
        return sim.blockOn(Async.async(a -> {
            a.sleep(Duration.ofMillis(10));
            a.sleep(Duration.ofHours(2));
            return null;
        }));
    }

    /** A spawned task fails and nobody awaits it; another fails before the main task ends. */
    static Object unobservedFailures(Simulation sim) {
        sim.spawn("crasher", Async.async(a -> {
            a.sleep(Duration.ofMillis(3));
            throw new IllegalStateException("crasher gave up");
        }));
        sim.spawn("second", cx -> {
            throw new ArithmeticException("second divided by zero");
        });
        return sim.blockOn(Sleep.of(Duration.ofMillis(5)));
    }

    /** The main task calls blockOn from inside itself. */
    static Object reentry(Simulation sim) {
        return sim.blockOn(Async.async(a -> {
            a.sleep(Duration.ofMillis(1));
            return sim.blockOn(Sleep.of(Duration.ofMillis(1)));
        }));
    }

    /** A real thread wakes a task: nondeterminism. */
    static Object foreignWake(Simulation sim) {
        AtomicReference<Waker> w = new AtomicReference<>();
        sim.spawn("waiter", cx -> {
            w.set(cx.waker());
            return Poll.pending();
        });
        sim.advance(Duration.ZERO);
        Thread t = new Thread(() -> w.get().wake(), "rogue-pool-1");
        t.start();
        try {
            t.join();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        return sim.blockOn(Sleep.of(Duration.ofSeconds(1)));
    }

    /** A future that claims to be fused but throws when polled again after {@code Ready}. */
    static final class NotFused implements FusedFuture<Integer> {
        private boolean done;

        @Override
        public Poll<Integer> poll(Context cx) {
            if (done) {
                throw new IllegalStateException("polled after Ready");
            }
            done = true;
            return Poll.ready(7);
        }

        @Override
        public boolean isTerminated() {
            return false;
        }
    }

    /** The main task awaits a spawned {@link NotFused}: the fused check polls it after Ready. */
    static Object notFused(Simulation sim) {
        JoinHandle<Integer> h = sim.spawn("not-fused", new NotFused());
        return sim.blockOn(Async.async(a -> {
            a.sleep(Duration.ofMillis(1));
            return a.await(h);
        }));
    }

    // ---------------------------------------------------------------- the pinned runs

    @Nested
    class WithoutFaults {
        @Test
        void aRelayOfChannelsSleepsAndJoinsKeepsItsTraces() {
            assertEquals(List.of(
                    "6d2c4ed244910382 cd1dd4d7 ok:30/15 at 1970-01-01T00:00:00.006Z",
                    "3d6cf96017a250ff 50ef0d5a ok:30/15 at 1970-01-01T00:00:00.007Z",
                    "58b17e58918c3d78 fcc30f74 ok:30/15 at 1970-01-01T00:00:00.005Z",
                    "a7ebfa4c663fbb98 8b48aaa6 ok:30/15 at 1970-01-01T00:00:00.010Z"),
                    summaries(s -> Simulation.builder().seed(s), SimulationGoldenTraceTest::relay, 1, 2, 3, 42));
        }

        @Test
        void aRingOfPlainFuturesKeepsItsTraces() {
            assertEquals(List.of(
                    "6d8e63fffc2ec492 6bc2f4e7 ok:45 polls, 4 live",
                    "82ea835df8ed195c c1da1ec3 ok:45 polls, 4 live"),
                    summaries(s -> Simulation.builder().seed(s), sim -> ring(sim, 5, 40), 0, 7));
        }

        @Test
        void abortsHostCrashesAndShutdownKeepTheirTraces() {
            assertEquals("2b544acf55a3aec3 cd933d53 ok#2a7128ff",
                    summary(Simulation.builder().seed(9),
                            SimulationGoldenTraceTest::aborts));
        }

        @Test
        void advancingByHandWithAnEventKeepsItsTrace() {
            assertEquals("34ac677afcd564aa f273af2c ok#b3239e02",
                    summary(Simulation.builder().seed(4),
                            SimulationGoldenTraceTest::advances));
        }

        @Test
        void aPctScheduleKeepsItsTraces() {
            assertEquals(List.of(
                    "2cadc73f4f3fb6ae 8b49ee04 ok:30/15 at 1970-01-01T00:00:00.005Z",
                    "d7a1a863c425838e 4ac8ed5f ok:30/15 at 1970-01-01T00:00:00.012Z"),
                    summaries(s -> Simulation.builder().seed(s).scheduler(Scheduler.pct(3, 200)),
                            SimulationGoldenTraceTest::relay, 5, 6));
        }
    }

    @Nested
    class UnderFaults {
        @Test
        void swarmRunsOfTheRelayKeepTheirPlansAndTraces() {
            assertEquals(List.of(
                    "ea2c8c8cd5be7b0b 32e3774d ok:30/15 at 1970-01-01T00:00:00.014Z",
                    "153c9ba9790a5ad9 83c3fef2 ok:30/15 at 1970-01-01T00:00:00.006Z",
                    "0f67fc4dd378338f 765a75ce ok:30/15 at 1970-01-01T00:00:00.007Z",
                    "0ad493285eae8359 b967f234 ok:30/15 at 1970-01-01T00:00:00.005Z",
                    "455757eff15c5d42 bbad4df2 ok:30/15 at 1970-01-01T00:00:00.007Z",
                    "b21265ce9cd9bd3b a750130a ok:30/15 at 1970-01-01T00:00:00.006Z",
                    "531825138d4c13c3 278ff2a0 ok:30/15 at 1970-01-01T00:00:00.010Z",
                    "04020976003337b4 fa95328a ok:30/15 at 1970-01-01T00:00:00.012Z"),
                    summaries(s -> Simulation.builder().seed(s).faults(FaultPlan.swarm()),
                            SimulationGoldenTraceTest::relay, 0, 1, 2, 3, 4, 5, 6, 7));
        }

        @Test
        void swarmRunsOfTheRingKeepTheirPlansAndTraces() {
            assertEquals(List.of(
                    "0d9930e924dc8781 8d2b5ab8 ok:35 polls, 3 live",
                    "0515c4011fb46245 fce41e8c ok:32 polls, 3 live",
                    "e7713256b211f283 8d2c4182 ok:33 polls, 3 live",
                    "1440d1e3b40df1aa 03b78108 ok:35 polls, 3 live"),
                    summaries(s -> Simulation.builder().seed(s).faults(FaultPlan.swarm()),
                            sim -> ring(sim, 4, 30), 10, 11, 12, 13));
        }

        @Test
        void everyFaultAtOnceKeepsItsTraces() {
            assertEquals(List.of(
                    "9161a145b0dd34bc e6524941 ok:30/15 at 1970-01-01T00:00:00.007003067Z",
                    "de5c3e3df9159a58 1f238dc1 ok:30/15 at 1970-01-01T00:00:00.012237475Z",
                    "ea4d5dbb5a397be1 88d43e50 ok:30/15 at 1970-01-01T00:00:00.011Z"),
                    summaries(s -> Simulation.builder().seed(s).faults(FaultPlan.all(0.3)),
                            SimulationGoldenTraceTest::relay, 20, 21, 22));
        }

        @Test
        void theFusedCheckKeepsItsViolation() {
            assertEquals("af6a5c4c2292509c 5c023699 ContractViolationException:7dd25514",
                    summary(Simulation.builder().seed(3).faults(FaultPlan.only(FaultKind.POLL_AFTER_READY, 1.0)),
                            SimulationGoldenTraceTest::notFused));
        }

        @Test
        void abortsUnderSwarmFaultsKeepTheirTraces() {
            assertEquals(List.of(
                    "5c0363ff4f692324 0ab5b929 ok#6b931b21",
                    "c14a3792b2d770b1 0aa7dd3d ok#fc2c0549"),
                    summaries(s -> Simulation.builder().seed(s).faults(FaultPlan.swarm()),
                            SimulationGoldenTraceTest::aborts, 30, 31));
        }
    }

    @Nested
    class FailedRuns {
        @Test
        void aLostWakeupDeadlockKeepsItsTraceAndDiagnosis() {
            assertEquals(List.of(
                    "26076760aac05cdb 2444d8d9 DeadlockException:466ccd45",
                    "0eaff6b29ac99a15 2444d85c DeadlockException:9725c62e",
                    "d5dd3a95ae74a350 24449c4d DeadlockException:f33763b6"),
                    summaries(s -> Simulation.builder().seed(s), SimulationGoldenTraceTest::lostWakeup, 0, 1, 2));
        }

        @Test
        void theStepLimitKeepsItsMessage() {
            assertEquals("d72245aea4d30eae f273af3c StepLimitException:d56e13c5",
                    summary(Simulation.builder().seed(1).maxSteps(60),
                            SimulationGoldenTraceTest::busyLoop));
        }

        @Test
        void theVirtualTimeLimitKeepsItsMessage() {
            assertEquals("fd379e4f6fc1ed1d 0d09fa0c StepLimitException:a9cc8bfc",
                    summary(Simulation.builder().seed(1).maxVirtualTime(Duration.ofHours(1)),
                            SimulationGoldenTraceTest::longSleep));
        }

        @Test
        void unobservedTaskFailuresKeepTheirMessage() {
            assertEquals("1d5b1ade1d74204d 5c023889 TaskFailedException:3321053e",
                    summary(Simulation.builder().seed(2),
                            SimulationGoldenTraceTest::unobservedFailures));
        }

        @Test
        void reenteringBlockOnKeepsItsMessage() {
            assertEquals("db47f6559da965f2 0d09fa0c IllegalStateException:10ab2161",
                    summary(Simulation.builder().seed(2),
                            SimulationGoldenTraceTest::reentry));
        }

        @Test
        void aWakeFromARealThreadKeepsItsMessage() {
            assertEquals("53529932dd0957e4 0d09fa0c NondeterminismException:653e880d",
                    summary(Simulation.builder().seed(2),
                            SimulationGoldenTraceTest::foreignWake));
        }
    }
}
