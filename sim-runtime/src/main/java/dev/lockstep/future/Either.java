package dev.lockstep.future;

import java.util.Objects;
import java.util.function.Function;

/**
 * One of two values: the result of {@link Futures#select(Future, Future)}, which says which of its
 * two futures completed first. {@link Left} holds the first future's value, {@link Right} the
 * second's.
 *
 * <p>Match it exhaustively:
 * <pre>{@code
 * switch (either) {
 *     case Either.Left<String, Void> l -> use(l.value());
 *     case Either.Right<String, Void> r -> timedOut();
 * }
 * }</pre>
 *
 * @param <A> the first future's value type
 * @param <B> the second future's value type
 */
public sealed interface Either<A, B> permits Either.Left, Either.Right {

    /** The first future won; {@code value} may be {@code null} (for a {@code Void} future). */
    record Left<A, B>(A value) implements Either<A, B> {}

    /** The second future won; {@code value} may be {@code null} (for a {@code Void} future). */
    record Right<A, B>(B value) implements Either<A, B> {}

    /** {@code Left(value)}. */
    static <A, B> Either<A, B> left(A value) {
        return new Left<>(value);
    }

    /** {@code Right(value)}. */
    static <A, B> Either<A, B> right(B value) {
        return new Right<>(value);
    }

    /** Whether this is {@link Left}: the first future won. */
    default boolean isLeft() {
        return this instanceof Left;
    }

    /** Whether this is {@link Right}: the second future won. */
    default boolean isRight() {
        return this instanceof Right;
    }

    /** {@code onLeft(value)} for a {@code Left}, {@code onRight(value)} for a {@code Right}. */
    default <R> R fold(Function<? super A, ? extends R> onLeft, Function<? super B, ? extends R> onRight) {
        Objects.requireNonNull(onLeft, "onLeft");
        Objects.requireNonNull(onRight, "onRight");
        return switch (this) {
            case Left<A, B> l -> onLeft.apply(l.value());
            case Right<A, B> r -> onRight.apply(r.value());
        };
    }
}
