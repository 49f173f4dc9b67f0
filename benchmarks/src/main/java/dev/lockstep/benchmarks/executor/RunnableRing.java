package dev.lockstep.benchmarks.executor;

import java.util.ArrayDeque;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;

/**
 * The baselines' side of the executor row: the same token ring as {@link TokenRing}, written as
 * plain {@link Runnable}s that resubmit the next member to whatever runs them.
 *
 * <p>As in the simulation, every member is submitted once at the start and a member run without
 * the token does nothing; the member holding the token counts a hand-off and submits the next.
 * There is no dedup of submissions, no trace, no choice and no waker: this is the floor.
 */
public final class RunnableRing {
    private final Runnable[] members;
    private final Consumer<Runnable> submit;
    private final Runnable onDone;
    private int holder;
    private long remaining;

    private RunnableRing(int tasks, long handOffs, Consumer<Runnable> submit, Runnable onDone) {
        if (tasks < 1 || handOffs < 1) {
            throw new IllegalArgumentException("a ring needs at least one task and one hand-off, got " + tasks
                    + " tasks and " + handOffs + " hand-offs");
        }
        this.members = new Runnable[tasks];
        this.submit = submit;
        this.onDone = onDone;
        this.remaining = handOffs;
        for (int i = 0; i < tasks; i++) {
            int index = i;
            int next = i + 1 == tasks ? 0 : i + 1;
            members[i] = () -> handOff(index, next);
        }
    }

    /**
     * Runs the ring on a bare {@code ArrayDeque<Runnable>} loop on the calling thread.
     *
     * @return how many runnables ran
     */
    public static long onArrayDeque(int tasks, long handOffs) {
        ArrayDeque<Runnable> queue = new ArrayDeque<>();
        RunnableRing ring = new RunnableRing(tasks, handOffs, queue::add, () -> {});
        ring.submitAll();
        long ran = 0;
        Runnable r;
        while ((r = queue.poll()) != null) {
            r.run();
            ran++;
        }
        return ran;
    }

    /**
     * Runs the ring on {@code executor} (a single-thread executor: the ring's state is confined to
     * its thread) and waits for the last hand-off.
     */
    public static void onExecutor(ExecutorService executor, int tasks, long handOffs) throws InterruptedException {
        CountDownLatch finished = new CountDownLatch(1);
        RunnableRing ring = new RunnableRing(tasks, handOffs, executor::execute, finished::countDown);
        ring.submitAll();
        finished.await();
    }

    private void submitAll() {
        for (Runnable m : members) {
            submit.accept(m);
        }
    }

    private void handOff(int index, int next) {
        if (holder != index) {
            return;
        }
        if (--remaining == 0) {
            onDone.run();
            return;
        }
        holder = next;
        submit.accept(members[next]);
    }
}
