package dev.lockstep.future;

import java.util.Objects;

/**
 * What a poll receives: the {@link Waker} to wake when progress is possible, and the
 * {@link RuntimeHandle} of the executor polling (its clock, spawner, timers, choices and reactor).
 *
 * <p>A combinator that polls a child on behalf of another waker (a sub-executor) passes
 * {@link #withWaker(Waker)}; everything else passes its own context through unchanged.
 */
public final class Context {
    private final Waker waker;
    private final RuntimeHandle runtime;

    /** A context for one poll. */
    public Context(Waker waker, RuntimeHandle runtime) {
        this.waker = Objects.requireNonNull(waker, "waker");
        this.runtime = Objects.requireNonNull(runtime, "runtime");
    }

    /** The waker of this poll: the one a {@code Pending} future must arrange to be woken. */
    public Waker waker() {
        return waker;
    }

    /** The runtime polling this future. */
    public RuntimeHandle runtime() {
        return runtime;
    }

    /** The same runtime with another waker. */
    public Context withWaker(Waker other) {
        return other == waker ? this : new Context(other, runtime);
    }
}
