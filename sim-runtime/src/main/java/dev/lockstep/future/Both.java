package dev.lockstep.future;

/**
 * The values of two futures that both completed: the result of {@link Futures#join(Future, Future)}.
 *
 * <p>Either value may be {@code null} (for a {@code Void} future), so nothing is validated.
 *
 * @param first  the first future's value
 * @param second the second future's value
 * @param <A>    the first future's value type
 * @param <B>    the second future's value type
 */
public record Both<A, B>(A first, B second) {}
