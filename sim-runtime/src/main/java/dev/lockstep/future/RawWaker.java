package dev.lockstep.future;

import java.util.Objects;

/**
 * The parts of a {@link Waker}: opaque {@code data} (for an executor, its task) and the
 * {@code vtable} that says what waking it does.
 *
 * @param data   passed to every vtable function; may be {@code null}
 * @param vtable the behaviour
 */
public record RawWaker(Object data, RawWakerVTable vtable) {
    public RawWaker {
        Objects.requireNonNull(vtable, "vtable");
    }
}
