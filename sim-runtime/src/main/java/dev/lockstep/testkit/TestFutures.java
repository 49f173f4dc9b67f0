package dev.lockstep.testkit;

import dev.lockstep.future.Future;
import java.util.Objects;

/**
 * Future wrappers for tests that make a future harder to get right (like {@code futures-test}'s
 * {@code FutureTestExt}).
 *
 * <p>{@link #pendingOnce} and {@link #interleavePending} insert extra {@code Pending} results,
 * each preceded by a wake of the poll's waker, so a well-behaved caller polls again and sees the
 * same result in the end; a caller that assumes a child is ready on the first poll, or that
 * forgets to poll again after a wake, does not. They are transparent otherwise: after the inner
 * future completes they pass every poll through, and they forward {@link Cancellable#cancel()}.
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

    /**
     * {@code future}, but failing with {@link PinViolationException} (stacks of the first poll and
     * of the offending call) if it is polled from a second place (another task or runtime) or a
     * copy of it is polled or cancelled after its first poll. Not {@link Unpin}, so its
     * {@link Pin} also refuses to {@code unpin()} it once polled. See {@link AssertUnmovedFuture}.
     */
    public static <T> Future<T> assertUnmoved(Future<T> future) {
        return new AssertUnmovedFuture<>(Objects.requireNonNull(future, "future"));
    }
}
