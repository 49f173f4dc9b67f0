package dev.lockstep.io.nio;

import dev.lockstep.future.Waker;
import dev.lockstep.io.Interest;
import dev.lockstep.io.Registration;

/** An interest registered on a NIO channel; active until woken or deregistered. */
final class NioRegistration implements Registration {
    final NioSource owner;
    final Interest interest;
    Waker waker;
    boolean active;

    NioRegistration(NioSource owner, Interest interest, Waker waker) {
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
