package dev.lockstep.testkit;

import dev.lockstep.stream.Stream;
import java.util.Objects;

/**
 * Test doubles for streams, in the style of futures-test's {@code StreamTestExt}.
 *
 * <h2>Threads</h2>
 * Like the streams they wrap: one task at a time.
 */
public final class TestStreams {
    private TestStreams() {}

    /**
     * {@code stream}, with a {@code Pending} (after waking the poll's waker) before each real
     * {@code pollNext}: code that polls a stream only once per wake, or forgets that a stream may
     * be pending between values, fails with it. Cancelling it cancels {@code stream};
     * {@code dropWaker()} forwards.
     */
    public static <T> Stream<T> interleavePending(Stream<T> stream) {
        return new InterleavePendingStream<>(Objects.requireNonNull(stream, "stream"));
    }
}
