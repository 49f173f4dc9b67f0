package dev.lockstep.interop;

import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.MoreExecutors;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;

/**
 * {@link Interop#fromListenableFuture}: a future over a Guava {@code ListenableFuture}. Its
 * listener runs on the completing thread ({@code directExecutor()}), so a completion from a real
 * thread is seen, and reported, as such. See {@link CallbackFuture}.
 */
final class GuavaFuture<T> extends CallbackFuture<T> {
    private final ListenableFuture<T> future;

    GuavaFuture(ListenableFuture<T> future) {
        super("ListenableFuture");
        this.future = future;
    }

    @Override
    void listen() {
        future.addListener(this::onDone, MoreExecutors.directExecutor());
    }

    private void onDone() {
        try {
            complete(com.google.common.util.concurrent.Futures.getDone(future), null);
        } catch (ExecutionException e) {
            complete(null, e.getCause() != null ? e.getCause() : e);
        } catch (CancellationException e) {
            complete(null, e);
        }
    }

    @Override
    void cancelSource() {
        future.cancel(false);
    }
}
