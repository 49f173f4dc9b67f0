package dev.lockstep.future;

/**
 * A timer registered with a runtime: a waker or an action to run at a deadline.
 *
 * <p>A leaf future that sleeps keeps its registration, {@linkplain #updateWaker updates} the waker
 * when a later poll brings a new one, and {@linkplain #cancel() cancels} it when dropped, so a
 * cancelled sleep holds no timer.
 */
public interface TimerRegistration {

    /** The deadline, in nanoseconds on the runtime clock. */
    long deadlineNanos();

    /** Whether the timer is still waiting (neither fired nor cancelled). */
    boolean isActive();

    /** Replaces the waker to wake at the deadline (no effect on an action timer or a fired one). */
    void updateWaker(dev.lockstep.future.Waker waker);

    /** Removes the timer; idempotent; no effect after it fired. */
    void cancel();
}
