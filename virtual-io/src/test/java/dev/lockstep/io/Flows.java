package dev.lockstep.io;

import dev.lockstep.future.Cancellable;
import dev.lockstep.future.Context;
import dev.lockstep.future.Future;
import dev.lockstep.future.Futures;
import dev.lockstep.future.JoinHandle;
import dev.lockstep.future.Poll;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Small hand-written futures for writing test scenarios without async/await: a loop, a failure
 * catcher, a spawner and stream helpers. Each is a poll state machine like the library's own.
 */
public final class Flows {
    private Flows() {}

    /**
     * Runs {@code body()} to completion again and again while it completes with {@code true}.
     * Cancelling cancels the iteration in progress.
     */
    public static Future<Void> loop(Supplier<? extends Future<Boolean>> body) {
        return new Loop(body);
    }

    private static final class Loop implements Future<Void>, Cancellable {
        private final Supplier<? extends Future<Boolean>> body;
        private Future<Boolean> current;

        Loop(Supplier<? extends Future<Boolean>> body) {
            this.body = body;
        }

        @Override
        public Poll<Void> poll(Context cx) {
            while (true) {
                if (current == null) {
                    current = body.get();
                }
                Poll<Boolean> p = current.poll(cx);
                if (p.isPending()) {
                    return Poll.pending();
                }
                current = null;
                if (!p.value()) {
                    return Poll.ready(null);
                }
            }
        }

        @Override
        public void cancel() {
            Futures.cancel(current);
            current = null;
        }
    }

    /** Completes with what {@code future} threw, or with {@code null} if it completed normally. */
    public static Future<Throwable> failure(Future<?> future) {
        return cx -> {
            try {
                return future.poll(cx).isReady() ? Poll.ready(null) : Poll.pending();
            } catch (RuntimeException e) {
                return Poll.ready(e);
            }
        };
    }

    /** Spawns {@code future} on the polling runtime at the first poll; completes with its handle. */
    public static <T> Future<JoinHandle<T>> spawn(String name, Future<T> future) {
        return Futures.pollFn(cx -> Poll.ready(cx.runtime().spawn(name, future)));
    }

    /** The polling runtime's reactor's active registrations. */
    public static Future<Integer> registrations() {
        return Futures.pollFn(cx -> Poll.ready(Reactor.of(cx).registrations()));
    }

    /** Reads {@code stream} to its end in reads of at most {@code chunk} bytes, through {@code io}. */
    public static Future<byte[]> readToEnd(TcpStream stream, int chunk, Function<Future<Integer>, Future<Integer>> io) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer buf = ByteBuffer.allocate(chunk);
        return loop(() -> io.apply(stream.read(buf.clear())).map(n -> {
            if (n < 0) {
                return false;
            }
            out.write(buf.array(), 0, n);
            return true;
        })).map(v -> out.toByteArray());
    }
}
