package dev.lockstep.io;

import dev.lockstep.future.Cancellable;
import dev.lockstep.future.Context;
import dev.lockstep.future.Future;
import dev.lockstep.future.Poll;
import dev.lockstep.future.Unpin;
import java.util.function.Supplier;

/**
 * The leaf future behind every socket operation: try the non-blocking operation; if it would
 * block, keep a {@link Registration} for the poll's waker and return {@code Pending}.
 *
 * <h2>Waker</h2>
 * One registration at a time: a later poll with another waker updates it in place; once it has
 * fired, a poll that still finds the operation blocked registers again. A spurious poll retries
 * the operation and, finding it still blocked, returns {@code Pending} again.
 *
 * <h2>After completion</h2>
 * Once the operation returned or threw, the registration is gone; polling again throws
 * {@link IllegalStateException}.
 *
 * <h2>Cancellation</h2>
 * {@link #cancel()} deregisters. Nothing is lost: the operation takes data only in a poll that
 * returns it.
 */
final class IoFuture<T> implements Future<T>, Cancellable, Unpin {
    private final Reactor reactor;
    private final IoSource source;
    private final Interest interest;
    /** The operation's name, such as {@code "read"}; with the source, it describes the future. */
    private final String what;
    /** The operation: {@code Ready} with the result, or {@code Pending} when it would block. */
    private final Supplier<Poll<T>> attempt;
    /** The interest of the latest {@code Pending}; null before it and once done. */
    private Registration registration;
    private boolean done;

    IoFuture(Reactor reactor, IoSource source, Interest interest, String what, Supplier<Poll<T>> attempt) {
        this.reactor = reactor;
        this.source = source;
        this.interest = interest;
        this.what = what;
        this.attempt = attempt;
    }

    @Override
    public Poll<T> poll(Context cx) {
        if (done) {
            throw new IllegalStateException(this + " polled after it completed or was cancelled");
        }
        Poll<T> p;
        try {
            p = attempt.get();
        } catch (RuntimeException | Error e) {
            finish();
            throw e;
        }
        if (p.isReady()) {
            finish();
            return p;
        }
        if (registration != null && registration.isActive()) {
            registration.updateWaker(cx.waker());
        } else {
            registration = reactor.register(source, interest, cx.waker());
        }
        return Poll.pending();
    }

    /** Whether a registration is held (for tests of cancellation). */
    boolean isRegistered() {
        return registration != null && registration.isActive();
    }

    private void finish() {
        done = true;
        if (registration != null) {
            registration.deregister();
            registration = null;
        }
    }

    @Override
    public void cancel() {
        finish();
    }

    @Override
    public String toString() {
        return what + " on " + source + (done ? " (done)" : isRegistered() ? " (waiting " + interest + ")" : "");
    }
}
