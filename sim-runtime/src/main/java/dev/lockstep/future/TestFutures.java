package dev.lockstep.future;

import java.util.Objects;

/**
 * Future wrappers for tests that make a future harder to get right (like {@code futures-test}'s
 * {@code FutureTestExt}).
 *
 * <p>Both wrappers insert extra {@code Pending} results, each preceded by a wake of the poll's
 * waker, so a well-behaved caller polls again and sees the same result in the end; a caller that
 * assumes a child is ready on the first poll, or that forgets to poll again after a wake, does
 * not. They are transparent otherwise: after the inner future completes they pass every poll
 * through, and they forward {@link Cancellable#cancel()}.
 */
public final class TestFutures {

    private TestFutures() {
    }

    /**
     * {@code future}, but the first poll wakes the waker and returns {@code Pending} without
     * polling {@code future}; every later poll is passed through.
     */
    public static <T> Future<T> pendingOnce(Future<T> future) {
        return new PendingOnceFuture<>(Objects.requireNonNull(future, "future"));
    }

    /**
     * {@code future}, but before every poll of {@code future} one poll wakes the waker and returns
     * {@code Pending}: polls alternate between a fake {@code Pending} and a real poll, starting
     * with the fake one.
     */
    public static <T> Future<T> interleavePending(Future<T> future) {
        return new InterleavePendingFuture<>(Objects.requireNonNull(future, "future"));
    }
}
