package dev.lockstep.future;

import java.util.Objects;
import java.util.function.Function;

/**
 * The result of one {@link Future#poll(Context)}: {@link Ready} with a value, or {@link Pending}.
 *
 * <p>{@code Pending} is a singleton; compare with {@link #isPending()} or pattern-match.
 *
 * @param <T> the value type
 */
public sealed interface Poll<T> permits Poll.Ready, Poll.Pending {

    /** A completed poll carrying {@code value} (which may be {@code null} for {@code Void}). */
    record Ready<T>(T value) implements Poll<T> {}

    /** Not ready yet: the future arranged for the poll's waker to be woken. */
    record Pending<T>() implements Poll<T> {
        private static final Pending<Object> INSTANCE = new Pending<>();
    }

    /** {@code Ready(value)}. */
    static <T> Poll<T> ready(T value) {
        return new Ready<>(value);
    }

    /** The {@code Pending} singleton. */
    @SuppressWarnings("unchecked")
    static <T> Poll<T> pending() {
        return (Poll<T>) Pending.INSTANCE;
    }

    /** Whether this is {@code Ready}. */
    default boolean isReady() {
        return this instanceof Ready;
    }

    /** Whether this is {@code Pending}. */
    default boolean isPending() {
        return this instanceof Pending;
    }

    /**
     * The value of a {@code Ready} poll.
     *
     * @throws IllegalStateException if this is {@code Pending}
     */
    default T value() {
        if (this instanceof Ready<T> r) {
            return r.value();
        }
        throw new IllegalStateException("value() on Poll.Pending: the future has not completed");
    }

    /** {@code Ready(fn(value))}, or {@code Pending} unchanged. */
    default <U> Poll<U> map(Function<? super T, ? extends U> fn) {
        Objects.requireNonNull(fn, "fn");
        return switch (this) {
            case Ready<T> r -> new Ready<>(fn.apply(r.value()));
            case Pending<T> p -> pending();
        };
    }
}
