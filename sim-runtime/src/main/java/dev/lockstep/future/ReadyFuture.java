package dev.lockstep.future;

/**
 * {@link Futures#ready(Object)}: completes with a value on its first poll.
 *
 * <p>Holds no child and no registration, so it is {@link Unpin}.
 */
final class ReadyFuture<T> implements Future<T>, Unpin {
    /** The value until the first poll hands it out; then {@code null}. */
    private T value;
    private Stage stage = Stage.RUNNING;

    ReadyFuture(T value) {
        this.value = value;
    }

    @Override
    public Poll<T> poll(Context cx) {
        stage.checkPollable("ready", cx);
        stage = Stage.COMPLETED;
        T out = value;
        value = null;
        return Poll.ready(out);
    }

    @Override
    public String toString() {
        return "ready(" + stage + ")";
    }
}
