package dev.lockstep.async;

import dev.lockstep.future.Future;
import dev.lockstep.internal.edge.BodyWaits;
import java.time.Duration;

/**
 * What {@code CurrentBody} hands out while a root async body runs: the waits of the innermost
 * body on its stack, the root's own or that of an inline body it awaits (found by following the
 * chain of inline bodies at each call, so that entering an inline body costs nothing here; deep
 * recursion through {@code await} stays as cheap as before).
 *
 * <h2>Errors</h2>
 * Those of the innermost body's {@link AsyncScope}.
 */
final class InnermostBody implements BodyWaits {
    private final AsyncFuture<?> root;

    InnermostBody(AsyncFuture<?> root) {
        this.root = root;
    }

    @Override
    public void checkUsable() {
        root.innermostScope().context();
    }

    @Override
    public void sleep(Duration duration) {
        root.innermostScope().sleep(duration);
    }

    @Override
    public <T> T await(Future<T> future) {
        return root.innermostScope().await(future);
    }
}
