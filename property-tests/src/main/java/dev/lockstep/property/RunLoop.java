package dev.lockstep.property;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;

/**
 * Executes the seeded runs of a property, in order or on several threads, and finds the first
 * failure.
 *
 * <h2>Order and results</h2>
 * Runs are handed out in ascending order. The result is the failing run with the lowest
 * position, not the first to finish, and "executed" counts the runs up to and including it: the
 * same as a sequential execution gives, whatever the parallelism and the thread timing. Once a run
 * at position {@code f} failed, no run after {@code f} is started; runs before it all complete.
 *
 * <h2>Threads</h2>
 * With parallelism 1 every run executes on the calling thread. Otherwise {@code parallelism}
 * platform threads named {@code lockstep-<property>-<k>} are started for the call and joined before
 * it returns; each run (and its simulation) stays on the one thread that started it. An exception
 * from {@code runOne} itself (not a run's failure, which is a result) is rethrown on the calling
 * thread after the other threads stopped.
 */
final class RunLoop {

    /**
     * @param failure  the lowest failing run, or {@code null}
     * @param executed runs executed up to and including it (all of them if none failed)
     */
    record Outcome(RunResult failure, int executed) {}

    private RunLoop() {}

    static Outcome run(String name, int[] indices, int parallelism, IntFunction<RunResult> runOne) {
        if (parallelism <= 1 || indices.length <= 1) {
            for (int pos = 0; pos < indices.length; pos++) {
                RunResult r = runOne.apply(indices[pos]);
                if (r.failed()) {
                    return new Outcome(r, pos + 1);
                }
            }
            return new Outcome(null, indices.length);
        }
        AtomicInteger next = new AtomicInteger();
        AtomicInteger lowestFailing = new AtomicInteger(Integer.MAX_VALUE);
        ConcurrentSkipListMap<Integer, RunResult> failures = new ConcurrentSkipListMap<>();
        AtomicReference<Throwable> crash = new AtomicReference<>();
        Runnable worker = () -> {
            while (crash.get() == null) {
                int pos = next.getAndIncrement();
                if (pos >= indices.length || pos > lowestFailing.get()) {
                    return;
                }
                try {
                    RunResult r = runOne.apply(indices[pos]);
                    if (r.failed()) {
                        failures.put(pos, r);
                        lowestFailing.accumulateAndGet(pos, Math::min);
                    }
                } catch (Throwable e) {
                    crash.compareAndSet(null, e);
                }
            }
        };
        List<Thread> threads = new ArrayList<>();
        for (int k = 0; k < Math.min(parallelism, indices.length); k++) {
            Thread t = new Thread(worker, "lockstep-" + name + "-" + k);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
        joinAll(threads);
        Throwable e = crash.get();
        if (e instanceof RuntimeException re) {
            throw re;
        }
        if (e instanceof Error err) {
            throw err;
        }
        if (e != null) {
            throw new IllegalStateException(e);
        }
        if (failures.isEmpty()) {
            return new Outcome(null, indices.length);
        }
        int first = failures.firstKey();
        return new Outcome(failures.get(first), first + 1);
    }

    private static void joinAll(List<Thread> threads) {
        try {
            for (Thread t : threads) {
                t.join();
            }
        } catch (InterruptedException e) {
            threads.forEach(Thread::interrupt);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the runs of a property", e);
        }
    }
}
