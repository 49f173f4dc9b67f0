package dev.lockstep.io.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.async.AsyncScope;
import dev.lockstep.io.ConnectionResetException;
import dev.lockstep.io.SocketClosedException;
import dev.lockstep.io.TcpStream;
import dev.lockstep.runtime.Simulation;
import dev.lockstep.trace.TraceEvent;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** How a stream ended for its reader, and what a host sent after it died: shared by the crash and kill tests. */
final class StreamEnds {
    private StreamEnds() {}

    /** What a reader read, and whether the stream ended in a reset rather than end-of-stream. */
    record Received(byte[] bytes, boolean reset) {}

    /** Reads {@code s} to its end or its reset, {@code readSize} bytes at a time. */
    static Received readToEndOrReset(AsyncScope a, TcpStream s, int readSize) {
        ByteArrayOutputStream read = new ByteArrayOutputStream();
        ByteBuffer buf = ByteBuffer.allocate(readSize);
        while (true) {
            int n;
            try {
                n = a.await(s.read(buf.clear()));
            } catch (ConnectionResetException e) {
                return new Received(read.toByteArray(), true);
            }
            if (n < 0) {
                return new Received(read.toByteArray(), false);
            }
            read.write(buf.array(), 0, n);
        }
    }

    /**
     * What {@code host} sent (a write, a connect) after its {@code death} event ({@code crash} or
     * {@code kill}). A {@code fin} is traced when it arrives, so one sent before may be traced after.
     */
    static List<TraceEvent.Net> sentAfter(Simulation sim, String host, String death) {
        List<TraceEvent.Net> out = new ArrayList<>();
        boolean dead = false;
        for (TraceEvent e : sim.trace().events()) {
            if (e instanceof TraceEvent.Net n) {
                if (n.kind().equals(death) && n.host().equals(host)) {
                    dead = true;
                } else if (dead && n.host().equals(host) && List.of("send", "connect").contains(n.kind())) {
                    out.add(n);
                }
            }
        }
        return out;
    }

    /**
     * Asserts that a host that went down ({@code how}: {@code "crash"} or {@code "kill"}) unwound
     * without reaching the network: each of its tasks' network calls ({@code failures}, as many as
     * {@code expected} names) failed with a {@link SocketClosedException} saying
     * so, the task spawned while it unwound never ran, and nothing was sent from it after.
     */
    static void assertUnwoundOffTheNetwork(Simulation sim, String host, String how, List<Throwable> failures,
            boolean spawnedRan, int expected, String calls) {
        assertEquals(expected, failures.size(), calls + " each fail: " + failures);
        String word = how.equals("kill") ? "killed" : "crashed";
        for (Throwable e : failures) {
            assertInstanceOf(SocketClosedException.class, e);
            assertTrue(e.getMessage().contains(word), e.getMessage());
        }
        assertFalse(spawnedRan, "a task spawned while " + host + " unwinds never runs");
        assertEquals(List.of(), sentAfter(sim, host, how));
    }
}
