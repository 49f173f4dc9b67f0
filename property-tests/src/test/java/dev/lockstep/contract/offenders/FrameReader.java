package dev.lockstep.contract.offenders;

import dev.lockstep.contract.FutureContract;
import dev.lockstep.future.Cancellable;
import dev.lockstep.future.Context;
import dev.lockstep.future.Future;
import dev.lockstep.future.Poll;
import dev.lockstep.future.Waker;
import dev.lockstep.time.Sleep;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A future that reads one length-prefixed frame (a 4-byte big-endian length, then the payload)
 * from a byte pipe and completes with the payload as text.
 *
 * <p>The bug (PANIC): after the first read that returns anything it decodes the length, assuming
 * the read filled the 4-byte header. A short read (the pipe's {@code buggify} site) leaves it
 * partly filled and {@code getInt} throws {@code BufferUnderflowException}. The fixed twin keeps
 * reading until the header is full.
 */
public final class FrameReader implements Future<String>, Cancellable {
    private final Pipe pipe;
    private final boolean fixed;
    private final ByteBuffer header = ByteBuffer.allocate(4);
    private ByteBuffer payload;

    FrameReader(Pipe pipe, boolean fixed) {
        this.pipe = pipe;
        this.fixed = fixed;
    }

    /** The check: a writer writes the frame "hello" after 1 ms; the reader completes with "hello". */
    public static FutureContract<String> contract(boolean fixed) {
        return FutureContract.of(sim -> {
            Pipe pipe = new Pipe();
            byte[] body = "hello".getBytes(StandardCharsets.UTF_8);
            ByteBuffer frame = ByteBuffer.allocate(4 + body.length).putInt(body.length).put(body).flip();
            sim.spawn("writer", Sleep.of(Duration.ofMillis(1)).map(v -> pipe.write(frame)));
            return new FrameReader(pipe, fixed);
        }).name("read-frame").expect("hello");
    }

    @Override
    public Poll<String> poll(Context cx) {
        if (payload == null) {
            if (fixed) {
                while (header.hasRemaining()) {
                    if (pipe.read(header, cx) == 0) {
                        return Poll.pending();
                    }
                }
            } else if (pipe.read(header, cx) == 0) {
                return Poll.pending();
            }
            payload = ByteBuffer.allocate(header.flip().getInt());
        }
        while (payload.hasRemaining()) {
            if (pipe.read(payload, cx) == 0) {
                return Poll.pending();
            }
        }
        return Poll.ready(new String(payload.array(), StandardCharsets.UTF_8));
    }

    @Override
    public void cancel() {
        pipe.reader = null;
    }

    /** An in-memory byte pipe with one reader; reads may be short (buggify site "pipe.short-read"). */
    static final class Pipe {
        private final ByteBuffer buffered = ByteBuffer.allocate(256);
        Waker reader;

        boolean write(ByteBuffer bytes) {
            buffered.put(bytes);
            Waker w = reader;
            reader = null;
            if (w != null) {
                w.wake();
            }
            return true;
        }

        /** Copies what is buffered into {@code dst}; 0 (with the waker stored) when nothing is. */
        int read(ByteBuffer dst, Context cx) {
            buffered.flip();
            int n = Math.min(buffered.remaining(), dst.remaining());
            if (n > 1 && cx.runtime().buggify("pipe.short-read")) {
                n = 1 + cx.runtime().choices().choose(n - 1);
            }
            for (int i = 0; i < n; i++) {
                dst.put(buffered.get());
            }
            buffered.compact();
            if (n == 0) {
                reader = cx.waker();
            }
            return n;
        }
    }
}
