package dev.lockstep.io;

import dev.lockstep.future.Waker;

/**
 * One interest registered with a {@link Reactor}: the waker it wakes when its source becomes
 * ready. A registration is <em>one-shot</em>, like a timer: it wakes its waker once, then becomes
 * inactive, and the future that made it retries its operation and registers again if the
 * operation would still block.
 *
 * <p>A leaf I/O future keeps its registration while it is pending, {@linkplain #updateWaker
 * updates} the waker when a later poll brings a new one, and {@linkplain #deregister()
 * deregisters} when it completes or is cancelled, so a cancelled future holds no interest.
 */
public interface Registration {

    /** Whether the registration is still waiting (neither woken nor deregistered). */
    boolean isActive();

    /** Replaces the waker to wake; no effect once inactive. */
    void updateWaker(Waker waker);

    /** Removes the interest without waking; idempotent; no effect once inactive. */
    void deregister();
}
