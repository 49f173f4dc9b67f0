package dev.lockstep.interop;

import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * {@link Interop#fromCompletionStage}: a future over a {@code CompletionStage}. See
 * {@link CallbackFuture} for how its completion reaches the awaiting task.
 */
final class StageFuture<T> extends CallbackFuture<T> {
    private final CompletionStage<T> stage;

    StageFuture(CompletionStage<T> stage) {
        super("CompletionStage");
        this.stage = stage;
    }

    @Override
    void listen() {
        stage.whenComplete((v, e) -> complete(v, e == null ? null : unwrap(e)));
    }

    @Override
    void cancelSource() {
        try {
            stage.toCompletableFuture().cancel(false);
        } catch (UnsupportedOperationException stageWithoutFuture) {
            // A CompletionStage may refuse toCompletableFuture(); then it cannot be cancelled from here.
        }
    }

    /** The cause a dependent stage wraps in a {@link CompletionException}. */
    static Throwable unwrap(Throwable e) {
        return e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
    }
}
