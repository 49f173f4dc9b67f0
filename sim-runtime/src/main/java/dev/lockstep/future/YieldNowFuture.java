package dev.lockstep.future;

/**
 * {@link Futures#yieldNow()}: gives other tasks a turn.
 *
 * <p>The first poll wakes its own waker ({@code wakeByRef}) and returns {@code Pending}, so the
 * task is rescheduled behind whatever else is runnable; the second poll completes with
 * {@code null}. A spurious second poll (without the wake being delivered) completes too: the
 * yield already happened. Holds nothing, so it is {@link Unpin}.
 */
final class YieldNowFuture implements Future<Void>, Unpin {
    /** Whether the first poll has yielded. */
    private boolean yielded;
    private Stage stage = Stage.RUNNING;

    @Override
    public Poll<Void> poll(Context cx) {
        stage.checkPollable("yieldNow", cx);
        if (!yielded) {
            yielded = true;
            cx.waker().wakeByRef();
            return Poll.pending();
        }
        stage = Stage.COMPLETED;
        return Poll.ready(null);
    }

    @Override
    public String toString() {
        return "yieldNow(" + (yielded ? "yielded" : "fresh") + ", " + stage + ")";
    }
}
