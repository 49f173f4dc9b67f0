package dev.lockstep.async;

/**
 * Thrown out of a pending {@link AsyncScope#await} when its async future is cancelled (its task
 * aborted, a {@code select} or {@code race} loser dropped, a timeout expired, its host crashed),
 * to unwind the body: {@code finally} blocks and try-with-resources run, then the body ends.
 *
 * <p>When it is thrown, the future the body was awaiting has already been cancelled (an exception
 * from that cancel is attached as suppressed, and is thrown by the {@code cancel()} that started
 * the unwinding).
 *
 * <p>It is an {@link Error} rather than an exception so that {@code catch (Exception e)} does not
 * swallow it, as with {@code ThreadDeath}: a body should never catch it. A body that does catch it
 * and awaits again gets an {@link IllegalStateException} from that await. Cleanup code in a
 * {@code finally} block may use the scope's clock and spawner, but cannot await.
 */
public final class AsyncCancelledError extends Error {

    AsyncCancelledError(String message) {
        super(message);
    }
}
