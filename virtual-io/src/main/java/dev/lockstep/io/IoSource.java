package dev.lockstep.io;

/**
 * A socket of a {@link Reactor}'s backend: a simulated socket or a real NIO channel. Sources
 * offer non-blocking operations in the style of {@code java.nio.channels}: an operation that
 * cannot proceed returns "would block" ({@code 0} or {@code null}) and the caller registers an
 * {@link Interest} with the reactor to learn when to retry.
 *
 * <h2>Errors</h2>
 * Operations fail with the {@link NetException} family, naming host, peer and time.
 *
 * <h2>Threads</h2>
 * A source belongs to its runtime's thread; every method must be called from it.
 */
public interface IoSource {

    /**
     * Closes the source and wakes every registration on it, so futures waiting on it see
     * {@link SocketClosedException}. Idempotent.
     */
    void close();

    /**
     * Whether {@link #close()} has not been called (and, in simulation, its host did not crash and
     * its process was not killed).
     */
    boolean isOpen();
}
