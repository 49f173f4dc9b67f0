package dev.lockstep.internal.edge;

import dev.lockstep.future.Future;
import java.time.Duration;

/**
 * What a rewritten blocking call may do instead inside an async body: the part of the body's
 * {@code AsyncScope} that {@link CurrentBody} hands out (the scope implements it).
 *
 * <h2>Errors</h2>
 * As the scope's: {@link IllegalStateException} where the scope may not be used (from inside a
 * future the body awaits, from another thread, after the body ended).
 */
public interface BodyWaits {

    /** Throws {@link IllegalStateException} unless the body may wait here and now. */
    void checkUsable();

    /** {@code a.sleep(duration)}. */
    void sleep(Duration duration);

    /** {@code a.await(future)}. */
    <T> T await(Future<T> future);
}
