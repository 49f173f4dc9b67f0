package dev.lockstep.interop;

import dev.lockstep.future.Cancellable;
import dev.lockstep.future.Context;
import dev.lockstep.future.Future;
import dev.lockstep.future.Poll;
import dev.lockstep.future.Waker;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Flow.Publisher;
import java.util.concurrent.Flow.Subscriber;
import java.util.concurrent.Flow.Subscription;

/**
 * The items of a {@link java.util.concurrent.Flow.Publisher} (or, through
 * {@code ReactorInterop.fromPublisher}, of a Reactive Streams publisher such as a {@code Flux}),
 * taken one at a time through futures: a pull view with backpressure, as a poll-based stream
 * would have it. Made by {@link Interop#fromPublisher}.
 *
 * <pre>{@code
 * PublisherReceiver<String> lines = Interop.fromPublisher(publisher);
 * for (Optional<String> l; (l = a.await(lines.next())).isPresent(); ) handle(l.get());
 * }</pre>
 *
 * <h2>Returns</h2>
 * {@link #next()} is a future of the next item: {@code Ready(Optional.of(item))}, or
 * {@code Ready(Optional.empty())} once the publisher completed and every item was taken. If the
 * publisher failed, polling it throws the publisher's error (a checked one wrapped in a
 * {@link RuntimeException}), after every item that came before the error was taken.
 *
 * <h2>Backpressure</h2>
 * The publisher is subscribed on the first poll of a {@code next()} future, and one item is
 * requested only when a {@code next()} future is polled with none buffered: a slow consumer
 * slows the publisher down, and nothing is requested that nobody asked for.
 *
 * <h2>Waker</h2>
 * Take one item at a time: a receiver holds one waiter, so two tasks polling {@code next()}
 * futures of the same receiver at once would lose a wakeup. A pending {@code next()} stores the
 * waker of its latest poll; {@code onNext}, {@code onComplete}
 * and {@code onError} wake it. In a simulation these signals come from the simulation's own tasks
 * (for Reactor, with {@code VirtualSchedulers} installed); a signal from a real thread makes the
 * waker report nondeterminism, naming the thread.
 *
 * <h2>Cancellation</h2>
 * {@link #cancel()} cancels the subscription; later {@code next()} futures complete empty.
 * Cancelling a {@code next()} future (its task aborted) only releases its waker.
 */
public final class PublisherReceiver<T> {
    private final Publisher<T> publisher;
    private final ArrayDeque<T> buffer = new ArrayDeque<>();
    private Subscription subscription;
    private boolean subscribed;
    private boolean requested;
    private boolean completed;
    private boolean cancelled;
    private Throwable error;
    private Waker waiter;

    PublisherReceiver(Publisher<T> publisher) {
        this.publisher = Objects.requireNonNull(publisher, "publisher");
    }

    /** A future of the next item, or empty at the end; see the class's contract. */
    public Future<Optional<T>> next() {
        return new Next();
    }

    /** Cancels the subscription; later {@code next()} futures complete empty. Idempotent. */
    public void cancel() {
        if (cancelled) {
            return;
        }
        cancelled = true;
        buffer.clear();
        if (subscription != null) {
            subscription.cancel();
        }
        wakeWaiter();
    }

    private Poll<Optional<T>> pollNext(Context cx) {
        for (int round = 0; round < 2; round++) {
            if (!buffer.isEmpty()) {
                return Poll.ready(Optional.of(buffer.poll()));
            }
            if (cancelled || completed) {
                return Poll.ready(Optional.empty());
            }
            if (error != null) {
                if (error instanceof RuntimeException r) {
                    throw r;
                }
                if (error instanceof Error e) {
                    throw e;
                }
                throw new RuntimeException("the publisher failed: " + error, error);
            }
            waiter = cx.waker();
            if (!subscribed) {
                subscribed = true;
                publisher.subscribe(new Receiver());
            } else if (subscription != null && !requested) {
                requested = true;
                subscription.request(1);
            } else {
                return Poll.pending();
            }
            // subscribe and request may signal at once: look again before returning Pending.
        }
        return Poll.pending();
    }

    private void wakeWaiter() {
        Waker w = waiter;
        waiter = null;
        if (w != null) {
            w.wake();
        }
    }

    /** One {@code next()}: polls the receiver. */
    private final class Next implements Future<Optional<T>>, Cancellable {
        @Override
        public Poll<Optional<T>> poll(Context cx) {
            return pollNext(cx);
        }

        @Override
        public void cancel() {
            waiter = null;
        }
    }

    /** The subscriber handed to the publisher. */
    private final class Receiver implements Subscriber<T> {
        @Override
        public void onSubscribe(Subscription s) {
            if (subscription != null || cancelled) {
                s.cancel();
                return;
            }
            subscription = s;
            requested = true;
            s.request(1);
        }

        @Override
        public void onNext(T item) {
            requested = false;
            if (!cancelled) {
                buffer.add(item);
            }
            wakeWaiter();
        }

        @Override
        public void onError(Throwable t) {
            error = t;
            wakeWaiter();
        }

        @Override
        public void onComplete() {
            completed = true;
            wakeWaiter();
        }
    }
}
