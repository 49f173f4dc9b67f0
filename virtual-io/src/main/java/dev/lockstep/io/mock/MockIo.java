package dev.lockstep.io.mock;

import dev.lockstep.future.RuntimeHandle;
import dev.lockstep.io.TcpStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A scripted {@link TcpStream} for testing protocol code without a network, like tokio-test's
 * {@code io::Builder}.
 *
 * <pre>{@code
 * MockIo io = MockIo.builder()
 *         .read("HELLO\n")             // what the peer sends
 *         .write("PING\n")             // what the code must send
 *         .wait(Duration.ofSeconds(1)) // the peer pauses (virtual time)
 *         .read("PONG\n")
 *         .build(sim.handle());
 * sim.blockOn(client.talk(io.stream()));
 * io.assertDone();                     // every step of the script was used
 * }</pre>
 *
 * <h2>Script</h2>
 * Steps run in order. A read returns bytes of the first step while it is a {@code read} (a step
 * may span several reads, and a read returns at most one step's bytes); it waits ({@code Pending})
 * while a {@code write} or {@code wait} comes first. A write is matched against the first
 * {@code write} step, passing over reads still to come (the peer's data is already on its way),
 * and waits while a {@code wait} comes first. {@code wait(d)} starts when it reaches the front and
 * lasts {@code d} of the runtime's clock (virtual time in a simulation). Once the script is used
 * up, reads return end of stream ({@code -1}).
 *
 * <h2>Errors</h2>
 * A write of other bytes than the script expects, or after its last {@code write} step, throws an
 * {@link AssertionError} from the write's poll naming the step, the offset, the expected and the
 * written bytes, and the run ({@link RuntimeHandle#describe()}). {@code readError(e)} and
 * {@code writeError(e)} throw {@code e} from the next read or write. After {@code close()}, reads
 * and writes fail with {@link dev.lockstep.io.SocketClosedException}; a write after
 * {@code shutdownOutput()} with {@link dev.lockstep.io.WriteAfterShutdownException}.
 *
 * <h2>Waker</h2>
 * Pending reads and writes hold reactor registrations on the mock (see
 * {@link dev.lockstep.io.Reactor}); the script's progress, the end of a wait and {@code close()}
 * wake them. Cancelled ones deregister; {@link #registrations()} counts the active ones.
 *
 * <h2>Threads</h2>
 * Confined to the runtime's thread, like every socket.
 */
public final class MockIo {
    private final MockSource source;
    private final TcpStream stream;

    private MockIo(List<MockAction> script, RuntimeHandle runtime) {
        MockReactor reactor = new MockReactor();
        this.source = new MockSource(script, runtime);
        reactor.bind(source);
        this.stream = TcpStream.over(reactor, source);
    }

    /** A new, empty script. */
    public static Builder builder() {
        return new Builder();
    }

    /** The scripted stream, to hand to the code under test. */
    public TcpStream stream() {
        return stream;
    }

    /** Steps of the script not used yet. */
    public int remaining() {
        return source.remaining();
    }

    /** Active registrations of pending reads and writes. */
    public int registrations() {
        return source.registrations();
    }

    /**
     * Checks that the script was used up.
     *
     * @throws AssertionError listing the steps left
     */
    public void assertDone() {
        source.assertDone();
    }

    @Override
    public String toString() {
        return "MockIo[" + source + "]";
    }

    /** Builds a script; see {@link MockIo}. */
    public static final class Builder {
        private final List<MockAction> script = new ArrayList<>();

        private Builder() {}

        /** The code's reads return {@code bytes}. */
        public Builder read(byte[] bytes) {
            script.add(new MockAction.Read(bytes.clone()));
            return this;
        }

        /** The code's reads return {@code text} in UTF-8. */
        public Builder read(String text) {
            return read(text.getBytes(StandardCharsets.UTF_8));
        }

        /** The code must write exactly {@code bytes}. */
        public Builder write(byte[] bytes) {
            script.add(new MockAction.Write(bytes.clone()));
            return this;
        }

        /** The code must write exactly {@code text} in UTF-8. */
        public Builder write(String text) {
            return write(text.getBytes(StandardCharsets.UTF_8));
        }

        /**
         * Reads and writes wait for {@code d} of the runtime's clock.
         *
         * @throws IllegalArgumentException if {@code d} is negative
         */
        public Builder wait(Duration d) {
            Objects.requireNonNull(d, "d");
            if (d.isNegative()) {
                throw new IllegalArgumentException("MockIo.wait: the duration must not be negative, got " + d);
            }
            script.add(new MockAction.Wait(d.toNanos()));
            return this;
        }

        /** The next read fails with {@code error}. */
        public Builder readError(RuntimeException error) {
            script.add(new MockAction.ReadError(Objects.requireNonNull(error, "error")));
            return this;
        }

        /** The next write fails with {@code error}. */
        public Builder writeError(RuntimeException error) {
            script.add(new MockAction.WriteError(Objects.requireNonNull(error, "error")));
            return this;
        }

        /** A mock playing this script on {@code runtime}'s clock ({@code sim.handle()} in a simulation). */
        public MockIo build(RuntimeHandle runtime) {
            return new MockIo(List.copyOf(script), Objects.requireNonNull(runtime, "runtime"));
        }
    }
}
