package dev.lockstep.examples.stalewaker;

import static dev.lockstep.async.Async.async;

import dev.lockstep.future.Both;
import dev.lockstep.future.Future;
import dev.lockstep.future.Futures;
import dev.lockstep.time.Sleep;
import java.time.Duration;

/**
 * Uploads a file chunk by chunk, at most as many uploads at once as its {@link UploadLimiter}
 * allows. To save time it reads each chunk from disk while it waits for the permit
 * ({@link Futures#join}), so the task is polled again for the read while the permit is still
 * pending: the situation in which a permit future that keeps the first waker goes wrong.
 */
final class Uploader {
    private final UploadLimiter limiter;
    private final ChunkStore store;

    Uploader(UploadLimiter limiter, ChunkStore store) {
        this.limiter = limiter;
        this.store = store;
    }

    /**
     * Uploads chunks {@code 0..chunks-1} of {@code file}, one after another.
     *
     * <h2>Returns</h2>
     * A future that completes with the number of chunks uploaded once the last one is stored.
     */
    Future<Integer> upload(String file, int chunks) {
        return async(a -> {
            for (int c = 0; c < chunks; c++) {
                Both<Permit, String> ready = a.await(Futures.join(limiter.acquire(), readChunk(file, c)));
                Permit permit = ready.first();
                try {
                    a.await(store.put(ready.second()));
                } finally {
                    permit.release();
                }
            }
            return chunks;
        });
    }

    /** Reads chunk {@code c} of {@code file}: 0 to 3 ms of simulated disk time, drawn when first polled. */
    private static Future<String> readChunk(String file, int c) {
        return async(a -> {
            a.await(Sleep.of(Duration.ofMillis(a.runtime().choices().between(0, 3))));
            return file + "#" + c;
        });
    }
}
