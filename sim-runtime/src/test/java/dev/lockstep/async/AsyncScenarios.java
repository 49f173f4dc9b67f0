package dev.lockstep.async;

import dev.lockstep.future.Future;
import dev.lockstep.future.Futures;
import dev.lockstep.future.JoinHandle;
import dev.lockstep.future.TimeoutExpiredException;
import dev.lockstep.runtime.Simulation;
import dev.lockstep.sync.Mpsc;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The async scenarios of the issue's "done when" list, shared by the tests that run them on the
 * JVM's default backend and those that compare both backends in one JVM.
 */
final class AsyncScenarios {
    private AsyncScenarios() {
    }

    /**
     * Two tasks bounce a counter over two channels {@code rounds} times each way ({@code ping}
     * sends even numbers and sleeps a drawn number of milliseconds, {@code pong} answers with the
     * next odd one after yielding), while a third task yields in a loop; returns the log of
     * received messages with their virtual times, ending with both tasks' message counts.
     */
    static List<String> pingPong(Simulation sim, int rounds) {
        Mpsc<Integer> toPong = Mpsc.unbounded();
        Mpsc<Integer> toPing = Mpsc.unbounded();
        List<String> log = new ArrayList<>();
        JoinHandle<Integer> ping = sim.spawn("ping", Async.async(a -> {
            for (int i = 0; i < rounds; i++) {
                toPong.sender().trySend(2 * i);
                int n = a.await(toPing.receiver().recv()).orElseThrow();
                log.add("ping got " + n + " @" + a.now().toEpochMilli());
                a.sleep(Duration.ofMillis(a.runtime().choices().between(0, 5)));
            }
            return rounds;
        }));
        JoinHandle<Integer> pong = sim.spawn("pong", Async.async(a -> {
            for (int i = 0; i < rounds; i++) {
                int n = a.await(toPong.receiver().recv()).orElseThrow();
                log.add("pong got " + n + " @" + a.now().toEpochMilli());
                a.yieldNow();
                toPing.sender().trySend(n + 1);
            }
            return rounds;
        }));
        sim.spawn("noise", Async.async(a -> {
            for (int i = 0; i < rounds; i++) {
                a.yieldNow();
            }
            return null;
        }));
        sim.blockOn(Async.async(a -> {
            log.add("done " + a.await(ping) + " " + a.await(pong));
            return null;
        }));
        return log;
    }

    /** A body that awaits a 10 s sleep under a 1 s timeout, catches the expiry, and reports the time. */
    static String timeoutInsideABody(Simulation sim) {
        return sim.blockOn(Async.async(a -> {
            try {
                a.await(Futures.timeout(Async.async(b -> {
                    b.sleep(Duration.ofSeconds(10));
                    return "slept";
                }), Duration.ofSeconds(1)));
                return "no timeout";
            } catch (TimeoutExpiredException e) {
                return "timed out at " + a.now();
            }
        }));
    }

    /** Three levels of async bodies, each sleeping before and after awaiting the next. */
    static int nested(Simulation sim) {
        return sim.blockOn(level(3));
    }

    private static Future<Integer> level(int n) {
        return Async.async(a -> {
            a.sleep(Duration.ofMillis(n));
            int inner = n == 0 ? 0 : a.await(level(n - 1));
            a.sleep(Duration.ofMillis(n));
            return inner + n;
        });
    }

    /**
     * An async body that awaits an async body that awaits ... {@code depth} deep; the deepest one
     * yields, so the whole chain suspends and resumes once. Returns the depth counted back up.
     */
    static Future<Integer> recursion(int depth) {
        return Async.async(a -> {
            if (depth == 0) {
                a.yieldNow();
                return 0;
            }
            return 1 + a.await(recursion(depth - 1));
        });
    }
}
