package dev.lockstep.io.nio;

import static org.awaitility.Awaitility.await;

import dev.lockstep.future.Future;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Runs a future on a new {@link RealRuntime} on a thread of its own, and waits for it with
 * Awaitility, so a test that hangs fails after a bound instead of blocking the build.
 */
final class RealRuntimes {
    private RealRuntimes() {}

    /** The value of {@code body(rt)} run by {@code rt.blockOn}; {@code after} sees the runtime before it is closed. */
    static <T> T run(Function<RealRuntime, Future<T>> body, Consumer<RealRuntime> after) {
        CompletableFuture<T> done = new CompletableFuture<>();
        Thread runner = new Thread(() -> {
            try (RealRuntime rt = RealRuntime.create()) {
                T value = rt.blockOn(body.apply(rt));
                after.accept(rt);
                done.complete(value);
            } catch (Throwable e) {
                done.completeExceptionally(e);
            }
        }, "real-runtime");
        runner.setDaemon(true);
        runner.start();
        await("the future on a RealRuntime").atMost(Duration.ofSeconds(20)).pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(2)).until(done::isDone);
        try {
            return done.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }

    static <T> T run(Function<RealRuntime, Future<T>> body) {
        return run(body, rt -> { });
    }
}
