package dev.lockstep.runtime.planted;

import dev.lockstep.fault.FaultKind;
import dev.lockstep.fault.FaultPlan;
import dev.lockstep.future.Future;
import dev.lockstep.future.Futures;
import dev.lockstep.future.JoinHandle;
import dev.lockstep.future.Poll;
import dev.lockstep.runtime.Simulation;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A frame decoder that reads a 4-byte length header with a single read and assumes it got all 4
 * bytes. The source returns everything asked for, except at its {@code buggify} site, which makes
 * a read short (as a real socket may). The fixed twin reads until it has what it needs.
 */
public final class BuggifyOnlyBug implements PlantedBug {

    static final class Source {
        private final byte[] data;
        private int pos;

        Source(byte[] data) {
            this.data = data;
        }

        Future<byte[]> read(int max) {
            return cx -> {
                int n = Math.min(max, data.length - pos);
                if (n > 1 && cx.runtime().buggify("source.short-read")) {
                    n = 1 + cx.runtime().choices().choose(n - 1);
                }
                byte[] out = Arrays.copyOfRange(data, pos, pos + n);
                pos += n;
                return Poll.ready(out);
            };
        }

        Future<byte[]> readFully(int n) {
            return read(n).then(chunk -> chunk.length == n ? Futures.ready(chunk)
                    : readFully(n - chunk.length).map(rest -> concat(chunk, rest)));
        }
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    static byte[] frame(String text) {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(4 + body.length).putInt(body.length).put(body).array();
    }

    @Override
    public String name() {
        return "buggify-only";
    }

    @Override
    public void run(Simulation sim, boolean fixed) {
        Source source = new Source(frame("hello"));
        Future<byte[]> header = fixed ? source.readFully(4) : source.read(4);
        JoinHandle<String> decoder = sim.spawn("decoder", header
                .then(h -> source.readFully(ByteBuffer.wrap(h).getInt()))
                .map(body -> new String(body, StandardCharsets.UTF_8)));
        String text = sim.blockOn(decoder);
        if (!text.equals("hello")) {
            throw new AssertionError("decoded '" + text + "'");
        }
    }

    @Override
    public FaultPlan plan() {
        return FaultPlan.only(FaultKind.BUGGIFY, 0.25);
    }

    @Override
    public boolean shows(Throwable failure) {
        return PlantedBug.causedBy(failure, BufferUnderflowException.class);
    }
}
