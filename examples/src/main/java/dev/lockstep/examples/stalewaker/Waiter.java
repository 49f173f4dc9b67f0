package dev.lockstep.examples.stalewaker;

import dev.lockstep.future.Waker;

/** One acquisition waiting in an {@link UploadLimiter}'s queue. */
final class Waiter {
    /** Whom {@link UploadLimiter#release()} wakes when it grants this waiter a permit. */
    Waker waker;
    /** Set once a released permit was handed to this waiter; it is then out of the queue. */
    boolean granted;

    Waiter(Waker waker) {
        this.waker = waker;
    }
}
