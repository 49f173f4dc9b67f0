package dev.lockstep.runtime;

/**
 * The {@code RawWaker} data of a task's waker after the {@code fresh-waker} fault gave it a new
 * one: the task and the generation of the poll it was made for. Generation 0 is the task's
 * original waker, whose data is the {@link Task} itself.
 *
 * <p>Not a value: wakers compare their data by identity, so each token is a distinct waker.
 */
final class WakerToken {
    final Task task;
    /** At least 1. */
    final int generation;

    WakerToken(Task task, int generation) {
        if (generation < 1) {
            throw new IllegalArgumentException("a fresh waker has generation >= 1, got " + generation);
        }
        this.task = task;
        this.generation = generation;
    }

    /** The task woken by a waker with {@code data}: a {@link Task} or a token of one. */
    static Task taskOf(Object data) {
        return data instanceof WakerToken token ? token.task : (Task) data;
    }

    /** The generation of a waker with {@code data}: 0 for the task's original waker. */
    static int generationOf(Object data) {
        return data instanceof WakerToken token ? token.generation : 0;
    }

    /** Whether {@code data} is a waker of {@code t}, of any generation. */
    static boolean isWakerOf(Object data, Task t) {
        return data == t || (data instanceof WakerToken token && token.task == t);
    }

    @Override
    public String toString() {
        return task + "/waker#" + generation;
    }
}
