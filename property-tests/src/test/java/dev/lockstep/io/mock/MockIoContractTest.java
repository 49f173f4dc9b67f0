package dev.lockstep.io.mock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.async.Async;
import dev.lockstep.contract.ContractReport;
import dev.lockstep.contract.FutureContract;
import dev.lockstep.contract.PlanSummary;
import dev.lockstep.io.TcpStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Reads and writes of a {@link MockIo} keep the poll contract under every default fault plan, and
 * a read or write cancelled while a scripted wait runs leaves neither a registration nor a timer.
 */
class MockIoContractTest {
    static final int RUNS = 100;

    static void holds(FutureContract<?> contract) {
        ContractReport report = contract.runs(RUNS).check();
        assertTrue(report.passed(), report::toString);
        int cancelled = report.plans().stream().mapToInt(PlanSummary::cancelledRuns).sum();
        assertTrue(cancelled > 0, "no run was cancelled while pending\n" + report);
    }

    @Test
    void aReadBehindAWaitKeepsTheContract() {
        holds(FutureContract.of(sim -> {
            MockIo io = MockIo.builder().wait(Duration.ofMillis(sim.choices().between(1, 5))).read("abc")
                    .build(sim.handle());
            return io.stream().read(ByteBuffer.allocate(8));
        }).expect(3));
    }

    @Test
    void aWriteBehindAWaitKeepsTheContract() {
        holds(FutureContract.of(sim -> {
            MockIo io = MockIo.builder().wait(Duration.ofMillis(2)).write("xyz").build(sim.handle());
            return io.stream().writeAll(ByteBuffer.wrap("xyz".getBytes(StandardCharsets.UTF_8)));
        }).expect(null));
    }

    @Test
    void aScriptedExchangeKeepsTheContract() {
        holds(FutureContract.of(sim -> {
            MockIo io = MockIo.builder().read("HI\n").wait(Duration.ofMillis(1)).write("ok").wait(Duration.ofMillis(3))
                    .read("bye").build(sim.handle());
            TcpStream s = io.stream();
            return Async.async(a -> {
                ByteBuffer in = ByteBuffer.allocate(3);
                while (in.hasRemaining()) {
                    a.await(s.read(in));
                }
                a.await(s.writeAll(ByteBuffer.wrap("ok".getBytes(StandardCharsets.UTF_8))));
                ByteBuffer last = ByteBuffer.allocate(3);
                a.await(s.read(last));
                assertEquals(0, io.remaining());
                return new String(in.array(), StandardCharsets.UTF_8) + new String(last.array(), StandardCharsets.UTF_8);
            });
        }).expect("HI\nbye"));
    }
}
