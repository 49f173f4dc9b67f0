package dev.lockstep.io.sim;

import dev.lockstep.future.Waker;
import dev.lockstep.io.Interest;
import dev.lockstep.io.Registration;

/**
 * An interest registered on a simulated socket. States: active (in its socket's {@link Waiters})
 * or inactive (woken or deregistered); it never becomes active again.
 */
final class SimRegistration implements Registration {
    final Waiters owner;
    final Interest interest;
    /** The waker to wake; replaced by {@link #updateWaker}. */
    Waker waker;
    boolean active;

    SimRegistration(Waiters owner, Interest interest, Waker waker) {
        this.owner = owner;
        this.interest = interest;
        this.waker = waker;
    }

    @Override
    public boolean isActive() {
        return active;
    }

    @Override
    public void updateWaker(Waker next) {
        if (active) {
            waker = next;
        }
    }

    @Override
    public void deregister() {
        if (active) {
            owner.remove(this);
        }
    }

    @Override
    public String toString() {
        return interest + (active ? " -> " + waker : " (inactive)");
    }
}
