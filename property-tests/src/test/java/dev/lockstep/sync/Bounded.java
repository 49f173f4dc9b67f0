package dev.lockstep.sync;

import dev.lockstep.async.AsyncScope;
import dev.lockstep.future.Either;
import dev.lockstep.future.Future;
import dev.lockstep.future.Futures;
import dev.lockstep.time.Sleep;
import java.time.Duration;
import java.util.Optional;

/** Waits that may be cut short: how the property tests cancel waiting operations mid-flight. */
final class Bounded {
    private Bounded() {}

    /**
     * Awaits {@code op} against a sleep of {@code ms} milliseconds ({@code select}); empty when the
     * sleep won, in which case {@code op} was cancelled. With {@code ms == 0} the sleep may win at
     * once, before {@code op} is ever polled; the body then yields, so that a loop of such waits
     * lets the other tasks run.
     */
    static <T> Optional<T> within(AsyncScope a, Future<T> op, long ms) {
        Either<T, Void> e = a.await(Futures.select(op, Sleep.of(Duration.ofMillis(ms))));
        if (e instanceof Either.Left<T, Void> l) {
            return Optional.of(l.value());
        }
        a.yieldNow();
        return Optional.empty();
    }

    /** {@link #within} for a future whose value does not matter ({@code Void}): whether it completed. */
    static boolean completes(AsyncScope a, Future<?> op, long ms) {
        Either<?, Void> e = a.await(Futures.select(op, Sleep.of(Duration.ofMillis(ms))));
        if (e.isLeft()) {
            return true;
        }
        a.yieldNow();
        return false;
    }

    /** A drawn pause: nothing, a yield, or a sleep of 1..3 ms. */
    static void pause(AsyncScope a) {
        switch ((int) a.runtime().choices().between(0, 2)) {
            case 0 -> { }
            case 1 -> a.yieldNow();
            default -> a.sleep(Duration.ofMillis(a.runtime().choices().between(1, 3)));
        }
    }
}
