package dev.lockstep.io.mock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.async.Async;
import dev.lockstep.future.Future;
import dev.lockstep.future.Futures;
import dev.lockstep.io.ConnectionResetException;
import dev.lockstep.io.TcpStream;
import dev.lockstep.runtime.Simulation;
import dev.lockstep.testkit.MockTask;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class MockIoTest {
    /** The code under test: reads a greeting line, answers PING, returns the reply line. */
    static Future<String> pingClient(TcpStream s, String ping) {
        return Async.async(a -> {
            String greeting = readLine(a, s);
            a.await(s.writeAll(ByteBuffer.wrap(ping.getBytes(StandardCharsets.UTF_8))));
            return greeting + "|" + readLine(a, s);
        });
    }

    static String readLine(dev.lockstep.async.AsyncScope a, TcpStream s) {
        StringBuilder sb = new StringBuilder();
        ByteBuffer one = ByteBuffer.allocate(1);
        while (true) {
            one.clear();
            int n = a.await(s.read(one));
            if (n < 0 || one.get(0) == '\n') {
                return sb.toString();
            }
            sb.append((char) one.get(0));
        }
    }

    @Test
    void aClientThatFollowsTheScriptPassesInVirtualTime() {
        for (long seed = 0; seed < 20; seed++) {
            Simulation sim = Simulation.builder().seed(seed).build();
            MockIo io = MockIo.builder().read("HELLO\n").write("PING\n").wait(Duration.ofSeconds(2)).read("PONG\n")
                    .build(sim.handle());
            assertEquals("HELLO|PONG", sim.blockOn(pingClient(io.stream(), "PING\n")));
            io.assertDone();
            assertEquals(2, sim.clock().elapsed().toSeconds(), "the wait took virtual time");
            assertEquals(0, io.registrations());
        }
    }

    @Test
    void aWrongWriteFailsNamingTheStepTheOffsetAndBothTexts() {
        Simulation sim = Simulation.builder().seed(0).build();
        MockIo io = MockIo.builder().read("HELLO\n").write("PING\n").read("PONG\n").build(sim.handle());
        Throwable e = assertThrows(Throwable.class, () -> sim.blockOn(pingClient(io.stream(), "PONG\n")));
        while (!(e instanceof AssertionError) && e.getCause() != null) {
            e = e.getCause();
        }
        String m = e.getMessage();
        assertTrue(m.contains("write mismatch at byte 1 of step #2"), m);
        assertTrue(m.contains("expected \"ING\\n\"") && m.contains("wrote \"ONG\\n\""), m);
    }

    @Test
    void writesMayComeBeforeTheReadsScriptedAheadOfThem() {
        Simulation sim = Simulation.builder().seed(0).build();
        MockIo io = MockIo.builder().read("A\n").write("B").build(sim.handle());
        sim.blockOn(io.stream().writeAll(ByteBuffer.wrap("B".getBytes(StandardCharsets.UTF_8))));
        assertEquals(1, io.remaining(), "the read is still to come");
    }

    @Test
    void aReadErrorIsThrownFromTheNextRead() {
        Simulation sim = Simulation.builder().seed(0).build();
        ConnectionResetException reset = new ConnectionResetException("peer reset", "mock-local", "mock-peer",
                sim.handle(), null);
        MockIo io = MockIo.builder().read("x").readError(reset).build(sim.handle());
        Future<Integer> reads = Async.async(a -> {
            a.await(io.stream().read(ByteBuffer.allocate(8)));
            return a.await(io.stream().read(ByteBuffer.allocate(8)));
        });
        Throwable e = assertThrows(Throwable.class, () -> sim.blockOn(reads));
        while (e != reset && e.getCause() != null) {
            e = e.getCause();
        }
        assertEquals(reset, e);
    }

    @Test
    void assertDoneListsTheStepsLeft() {
        Simulation sim = Simulation.builder().seed(0).build();
        MockIo io = MockIo.builder().read("a").write("b").build(sim.handle());
        AssertionError e = assertThrows(AssertionError.class, io::assertDone);
        assertTrue(e.getMessage().contains("2 step(s) left") && e.getMessage().contains("write \"b\""), e.getMessage());
    }

    @Test
    void aCancelledReadDeregistersAndLosesNothing() {
        Simulation sim = Simulation.builder().seed(0).build();
        MockIo io = MockIo.builder().wait(Duration.ofMillis(5)).read("late").build(sim.handle());
        Future<Integer> read = io.stream().read(ByteBuffer.allocate(8));
        MockTask<Integer> t = MockTask.of(read, sim);
        assertTrue(t.poll().isPending());
        assertEquals(1, io.registrations());
        Futures.cancel(read);
        assertEquals(0, io.registrations());
        ByteBuffer dst = ByteBuffer.allocate(8);
        assertEquals(4, sim.blockOn(io.stream().read(dst)));
        assertEquals("late", new String(dst.array(), 0, 4, StandardCharsets.UTF_8));
    }

    @Test
    void theStreamEndsOnceTheScriptIsUsedUp() {
        Simulation sim = Simulation.builder().seed(0).build();
        MockIo io = MockIo.builder().build(sim.handle());
        assertEquals(-1, sim.blockOn(io.stream().read(ByteBuffer.allocate(4))));
    }
}
