package dev.lockstep.io;

import dev.lockstep.future.Waker;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The {@link Registration} that reactor backends hand out: an interest, the waker to wake, and
 * whether it is still waiting. For implementers of {@link Reactor}; user code only sees
 * {@code Registration}.
 *
 * <h2>States</h2>
 * Made inactive; {@link #activate()} by the backend when it starts waiting; inactive again once
 * the backend {@linkplain #deactivate() deactivates} it (woken) or the future
 * {@linkplain #deregister() deregisters} it. It never becomes active again.
 *
 * <h2>Threads</h2>
 * Confined to the backend's thread, like the rest of the reactor.
 */
public final class InterestRegistration implements Registration {
    private final Interest interest;
    private final Consumer<InterestRegistration> onDeregister;
    private Waker waker;
    private boolean active;

    /**
     * @param interest     what the future waits for
     * @param waker        the waker to wake when it is ready
     * @param onDeregister called by {@link #deregister()} while active: remove it from the source
     */
    public InterestRegistration(Interest interest, Waker waker, Consumer<InterestRegistration> onDeregister) {
        this.interest = Objects.requireNonNull(interest, "interest");
        this.waker = Objects.requireNonNull(waker, "waker");
        this.onDeregister = Objects.requireNonNull(onDeregister, "onDeregister");
    }

    /** What the future waits for. */
    public Interest interest() {
        return interest;
    }

    /** The waker of the latest poll. */
    public Waker waker() {
        return waker;
    }

    /** Marks it waiting; called once by the backend when it stores the registration. */
    public void activate() {
        active = true;
    }

    /** Marks it no longer waiting (woken or removed); the backend calls it. */
    public void deactivate() {
        active = false;
    }

    @Override
    public boolean isActive() {
        return active;
    }

    @Override
    public void updateWaker(Waker next) {
        if (active) {
            waker = Objects.requireNonNull(next, "waker");
        }
    }

    @Override
    public void deregister() {
        if (active) {
            onDeregister.accept(this);
        }
    }

    @Override
    public String toString() {
        return interest + (active ? " -> " + waker : " (inactive)");
    }
}
