package dev.lockstep.future;

import dev.lockstep.internal.Deadlines;
import java.time.Duration;
import java.util.Objects;

/**
 * A future that fails with {@link TimeoutExpiredException} if its inner future has not completed
 * within a limit measured from the first poll.
 *
 * <h2>Returns</h2>
 * The inner future's value if it completes first. The inner future is polled before the deadline
 * is checked, so a value that is ready at the deadline wins.
 *
 * <h2>Errors</h2>
 * On expiry the inner future is cancelled and {@code poll} throws {@link TimeoutExpiredException}
 * naming the limit, the task and the virtual time. Exceptions of the inner future pass through.
 *
 * <h2>Cancellation</h2>
 * Cancelling the timeout cancels the inner future and removes the timer.
 */
public final class Timeout<T> implements Future<T>, Cancellable {
    private Future<T> inner;
    private final Duration limit;
    private final DeadlineTimer timer;
    private boolean finished;

    private Timeout(Future<T> inner, Duration limit) {
        this.inner = inner;
        this.limit = limit;
        this.timer = new DeadlineTimer(Deadlines.nonNegativeNanos(limit, "Timeout.of"));
    }

    /**
     * {@code inner}, limited to {@code limit} from its first poll.
     *
     * @throws IllegalArgumentException if {@code limit} is negative
     */
    public static <T> Timeout<T> of(Future<T> inner, Duration limit) {
        Objects.requireNonNull(inner, "future");
        Deadlines.nonNegativeNanos(limit, "Timeout.of");
        return new Timeout<>(inner, limit);
    }

    @Override
    public Poll<T> poll(Context cx) {
        if (finished) {
            throw new IllegalStateException("Timeout polled after completion (" + cx.runtime().describe() + ")");
        }
        Poll<T> p;
        try {
            inner = cx.runtime().beforeInnerPoll(inner);
            p = inner.poll(cx);
        } catch (RuntimeException | Error e) {
            finish();
            throw e;
        }
        if (p.isReady()) {
            cx.runtime().afterInnerReady(inner);
            finish();
            return p;
        }
        if (timer.isDue(cx)) {
            Future<T> loser = inner;
            finish();
            if (loser instanceof Cancellable c) {
                c.cancel();
            }
            throw new TimeoutExpiredException("timed out after " + limit + " (" + cx.runtime().describe() + ")",
                    limit);
        }
        return Poll.pending();
    }

    private void finish() {
        finished = true;
        inner = null;
        timer.cancel();
    }

    @Override
    public void cancel() {
        if (finished) {
            return;
        }
        Future<T> f = inner;
        finish();
        if (f instanceof Cancellable c) {
            c.cancel();
        }
    }

    @Override
    public String toString() {
        return "Timeout[" + limit + ", " + inner + "]";
    }
}
