package dev.lockstep.async;

/**
 * The sequential code of an async future: see {@link Async#async(AsyncBody)}.
 *
 * <pre>{@code
 * Future<Integer> f = Async.async(a -> {
 *     String line = a.await(readLine);
 *     a.sleep(Duration.ofMillis(10));
 *     return line.length();
 * });
 * }</pre>
 *
 * @param <R> the value the body returns, which the async future completes with
 */
@FunctionalInterface
public interface AsyncBody<R> {

    /**
     * Runs the body.
     *
     * @param a the body's scope: how it awaits, sleeps, spawns and reads the clock; valid only
     *     inside this call
     * @return the async future's value
     * @throws Exception anything; it fails the async future (see {@link Async}, Errors)
     */
    R run(AsyncScope a) throws Exception;
}
