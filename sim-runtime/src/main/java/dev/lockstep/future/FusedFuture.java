package dev.lockstep.future;

/**
 * A future that may be polled after it completed.
 *
 * <h2>After completion</h2>
 * Once {@code poll} has returned {@code Ready}, {@link #isTerminated()} is {@code true} and every
 * further {@code poll} returns {@code Pending} without storing the waker and without side effects.
 * Combinators that poll a child repeatedly ({@code select} in a loop) rely on this.
 */
public interface FusedFuture<T> extends Future<T> {
    /** Whether the future has completed and must not be expected to produce a value again. */
    boolean isTerminated();
}
