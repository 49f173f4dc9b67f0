package dev.lockstep.future;

import dev.lockstep.internal.future.Stage;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The leaf futures of {@link Futures}: {@code ready}, {@code pending}, {@code yieldNow},
 * {@code lazy} and {@code pollFn}. Each holds no child future; each is a few lines, so they share
 * this file, one nested class each, with its contract on the class.
 */
final class LeafFutures {
    private LeafFutures() {}

    /**
     * {@link Futures#ready(Object)}: completes with a value on its first poll.
     *
     * <p>Holds no child and no registration, so it is {@link Unpin}.
     */
    static final class Ready<T> implements Future<T>, Unpin {
        /** The value until the first poll hands it out; then {@code null}. */
        private T value;
        private Stage stage = Stage.RUNNING;

        Ready(T value) {
            this.value = value;
        }

        @Override
        public Poll<T> poll(Context cx) {
            if (!stage.isPollable()) {
                throw stage.misuse("ready", cx.runtime().describe());
            }
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

    /**
     * {@link Futures#pending()}: never completes.
     *
     * <p>It stores no waker, so a task awaiting only this future is reported by the simulation as
     * blocked forever. Holds nothing, so it is {@link Unpin}.
     */
    static final class Pending<T> implements Future<T>, Unpin {

        @Override
        public Poll<T> poll(Context cx) {
            return Poll.pending();
        }

        @Override
        public String toString() {
            return "pending";
        }
    }

    /**
     * {@link Futures#yieldNow()}: gives other tasks a turn.
     *
     * <p>The first poll wakes its own waker ({@code wakeByRef}) and returns {@code Pending}, so the
     * task is rescheduled behind whatever else is runnable; the second poll completes with
     * {@code null}. A spurious second poll (without the wake being delivered) completes too: the
     * yield already happened. Holds nothing, so it is {@link Unpin}.
     */
    static final class YieldNow implements Future<Void>, Unpin {
        /** Whether the first poll has yielded. */
        private boolean yielded;
        private Stage stage = Stage.RUNNING;

        @Override
        public Poll<Void> poll(Context cx) {
            if (!stage.isPollable()) {
                throw stage.misuse("yieldNow", cx.runtime().describe());
            }
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

    /**
     * {@link Futures#lazy(Supplier)}: computes its value on its first poll, never before.
     *
     * <p>The supplier runs inside the poll, so it sees the polling task's runtime and may read its
     * clock; an exception it throws is the future's failure. Holds no child, so it is {@link Unpin}.
     */
    static final class Lazy<T> implements Future<T>, Unpin {
        /** The supplier until the first poll runs it; then {@code null}. */
        private Supplier<? extends T> supplier;
        private Stage stage = Stage.RUNNING;

        Lazy(Supplier<? extends T> supplier) {
            this.supplier = supplier;
        }

        @Override
        public Poll<T> poll(Context cx) {
            if (!stage.isPollable()) {
                throw stage.misuse("lazy", cx.runtime().describe());
            }
            // Completed before running the supplier: if it throws, the future has failed and a
            // second poll is misuse rather than a second run of the supplier.
            stage = Stage.COMPLETED;
            Supplier<? extends T> s = supplier;
            supplier = null;
            return Poll.ready(s.get());
        }

        @Override
        public String toString() {
            return "lazy(" + stage + ")";
        }
    }

    /**
     * {@link Futures#pollFn(Function)}: a future whose {@code poll} is a function.
     *
     * <p>The function carries the whole poll contract: it must store {@code cx.waker()} before it
     * returns {@code Pending}. Once it returns {@code Ready} or throws, it is dropped and never called
     * again.
     */
    static final class PollFn<T> implements Future<T> {
        /** The function until it returns {@code Ready} or throws; then {@code null}. */
        private Function<? super Context, ? extends Poll<T>> fn;
        private Stage stage = Stage.RUNNING;

        PollFn(Function<? super Context, ? extends Poll<T>> fn) {
            this.fn = fn;
        }

        @Override
        public Poll<T> poll(Context cx) {
            if (!stage.isPollable()) {
                throw stage.misuse("pollFn", cx.runtime().describe());
            }
            Poll<T> out;
            try {
                out = Objects.requireNonNull(fn.apply(cx),
                        "pollFn: the function returned null instead of Poll.ready(..) or Poll.pending()");
            } catch (Throwable t) {
                finish();
                throw t;
            }
            if (out.isReady()) {
                finish();
            }
            return out;
        }

        private void finish() {
            fn = null;
            stage = Stage.COMPLETED;
        }

        @Override
        public String toString() {
            return "pollFn(" + stage + ")";
        }
    }
}
