package dev.lockstep.benchmarks.sidebyside.before;

import dev.lockstep.future.RawWaker;

/**
 * Main's {@code Waker.wakeByRef} before the waker kept its vtable's functions: each wake loads the
 * raw waker, its vtable and the function before calling it (the dropped-clone check as then).
 */
public final class ChainWaker {
    private final RawWaker raw;
    private boolean dropped;

    public ChainWaker(RawWaker raw) {
        this.raw = raw;
    }

    public void wakeByRef() {
        checkNotDropped("wakeByRef()");
        raw.vtable().wakeByRef().accept(raw.data());
    }

    private void checkNotDropped(String use) {
        if (dropped) {
            throw new IllegalStateException(use + " of waker " + raw.data() + " after its drop()");
        }
    }
}
