package dev.lockstep.io.sim;

import dev.lockstep.future.Waker;
import dev.lockstep.io.Interest;
import dev.lockstep.io.InterestRegistration;
import java.util.ArrayList;
import java.util.List;

/**
 * The registrations waiting on one simulated socket, in registration order, and the network-wide
 * count of active ones ({@link SimNetwork#registrations()}).
 *
 * <p>Waking takes every registration of an interest out of the list and wakes each once, in
 * registration order, so the order of wakes is deterministic.
 */
final class Waiters {
    private final SimNetwork net;
    private final List<InterestRegistration> active = new ArrayList<>(2);

    Waiters(SimNetwork net) {
        this.net = net;
    }

    /**
     * Registers {@code waker} for {@code interest}; if {@code readyNow}, wakes it at once instead
     * (readiness is level-triggered) and returns an inactive registration.
     */
    InterestRegistration register(Interest interest, Waker waker, boolean readyNow) {
        InterestRegistration r = new InterestRegistration(interest, waker, this::remove);
        if (readyNow) {
            waker.wakeByRef();
            return r;
        }
        r.activate();
        active.add(r);
        net.registrationAdded();
        return r;
    }

    /** Wakes and removes every registration for {@code interest}. */
    void wake(Interest interest) {
        for (int i = 0; i < active.size(); ) {
            InterestRegistration r = active.get(i);
            if (r.interest() == interest) {
                active.remove(i);
                fire(r);
            } else {
                i++;
            }
        }
    }

    /** Wakes and removes every registration: the socket was closed, reset, or its host crashed. */
    void wakeAll() {
        List<InterestRegistration> all = new ArrayList<>(active);
        active.clear();
        for (InterestRegistration r : all) {
            fire(r);
        }
    }

    void remove(InterestRegistration r) {
        if (active.remove(r)) {
            r.deactivate();
            net.registrationRemoved();
        }
    }

    int size() {
        return active.size();
    }

    private void fire(InterestRegistration r) {
        r.deactivate();
        net.registrationRemoved();
        r.waker().wakeByRef();
    }

    @Override
    public String toString() {
        return active.toString();
    }
}
