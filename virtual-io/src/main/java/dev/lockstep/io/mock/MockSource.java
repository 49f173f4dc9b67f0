package dev.lockstep.io.mock;

import dev.lockstep.future.RuntimeHandle;
import dev.lockstep.future.TimerRegistration;
import dev.lockstep.future.Waker;
import dev.lockstep.io.Interest;
import dev.lockstep.io.InterestRegistration;
import dev.lockstep.io.SocketClosedException;
import dev.lockstep.io.TcpStreamSource;
import dev.lockstep.io.WriteAfterShutdownException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The socket behind a {@link MockIo}: plays the script; see {@link MockIo} for the rules.
 *
 * <h2>State</h2>
 * {@link #script} holds the steps not yet used, front first; {@link #offset} is how many bytes of
 * the front {@code read} step were read, {@link #writeOffset} how many of the first {@code write}
 * step were written. A front {@code wait} ends at {@link #waitEnd}, fixed when it reached the
 * front; {@link #waitTimer} exists only while some read or write is registered to be woken then,
 * so a cancelled read or write leaves no timer behind.
 */
final class MockSource implements TcpStreamSource {
    private static final InetSocketAddress LOCAL = InetSocketAddress.createUnresolved("mock-local", 1);
    private static final InetSocketAddress PEER = InetSocketAddress.createUnresolved("mock-peer", 2);

    private final List<MockAction> script;
    private final RuntimeHandle runtime;
    private final List<InterestRegistration> registrations = new ArrayList<>(2);
    private int used;
    private int offset;
    private int writeOffset;
    /** When the front {@code wait} ends, in runtime nanoseconds; -1 when no wait is at the front. */
    private long waitEnd = -1;
    private TimerRegistration waitTimer;
    private boolean open = true;
    private boolean outputShut;

    MockSource(List<MockAction> script, RuntimeHandle runtime) {
        this.script = new ArrayList<>(script);
        this.runtime = runtime;
    }

    @Override
    public int read(ByteBuffer dst) {
        checkOpen("read");
        startWait();
        if (script.isEmpty()) {
            return -1;
        }
        MockAction head = script.get(0);
        if (head instanceof MockAction.Read r) {
            int n = Math.min(dst.remaining(), r.bytes().length - offset);
            dst.put(r.bytes(), offset, n);
            offset += n;
            if (offset == r.bytes().length) {
                pop(0);
                offset = 0;
            }
            return n;
        }
        if (head instanceof MockAction.ReadError e) {
            pop(0);
            throw e.error();
        }
        return 0;   // a write or a wait comes first
    }

    @Override
    public int write(ByteBuffer src) {
        checkOpen("write");
        if (outputShut) {
            throw new WriteAfterShutdownException("MockIo: write after shutdownOutput()", "mock-local", "mock-peer",
                    runtime, null);
        }
        startWait();
        int i = firstNonRead();
        if (i == script.size()) {
            byte[] rest = new byte[src.remaining()];
            src.get(rest);
            throw new AssertionError("MockIo: the code wrote " + MockAction.show(rest, 0, rest.length)
                    + " but the script expects no more writes (steps left: " + script + ")\n  at " + runtime.describe());
        }
        MockAction a = script.get(i);
        if (a instanceof MockAction.WriteError e) {
            pop(i);
            throw e.error();
        }
        if (!(a instanceof MockAction.Write w)) {
            return 0;   // a wait comes first
        }
        byte[] expected = w.bytes();
        int n = Math.min(src.remaining(), expected.length - writeOffset);
        int start = src.position();
        for (int k = 0; k < n; k++) {
            byte b = src.get(start + k);
            if (b != expected[writeOffset + k]) {
                byte[] wrote = new byte[src.remaining()];
                src.get(start, wrote);
                throw new AssertionError("MockIo: write mismatch at byte " + (writeOffset + k) + " of step #"
                        + (used + i + 1) + " (" + a + "): expected " + MockAction.show(expected, writeOffset + k,
                        expected.length) + " but the code wrote " + MockAction.show(wrote, k, wrote.length)
                        + "\n  at " + runtime.describe());
            }
        }
        src.position(start + n);
        writeOffset += n;
        if (writeOffset == expected.length) {
            pop(i);
            writeOffset = 0;
        } else {
            wakeReady();
        }
        return n;
    }

    /** Registers a pending read or write; wakes at once when it is ready already. */
    InterestRegistration register(Interest interest, Waker waker) {
        InterestRegistration r = new InterestRegistration(interest, waker, this::remove);
        startWait();
        if (isReady(interest)) {
            waker.wakeByRef();
            return r;
        }
        r.activate();
        registrations.add(r);
        armTimer();
        return r;
    }

    int registrations() {
        return registrations.size();
    }

    int remaining() {
        return script.size();
    }

    void assertDone() {
        if (!script.isEmpty()) {
            throw new AssertionError("MockIo: the script was not used up: " + script.size() + " step(s) left, from step #"
                    + (used + 1) + ": " + script);
        }
    }

    @Override
    public boolean finishConnect() {
        return true;
    }

    @Override
    public void shutdownOutput() {
        outputShut = true;
    }

    @Override
    public void close() {
        if (!open) {
            return;
        }
        open = false;
        if (waitTimer != null) {
            waitTimer.cancel();
            waitTimer = null;
        }
        for (InterestRegistration r : List.copyOf(registrations)) {
            fire(r);
        }
    }

    @Override
    public void closeAbruptly() {
        close();
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public InetSocketAddress localAddress() {
        return LOCAL;
    }

    @Override
    public InetSocketAddress peerAddress() {
        return PEER;
    }

    private boolean isReady(Interest interest) {
        if (!open || script.isEmpty()) {
            return true;
        }
        if (interest == Interest.READABLE) {
            return script.get(0) instanceof MockAction.Read || script.get(0) instanceof MockAction.ReadError;
        }
        if (interest == Interest.WRITABLE) {
            int i = firstNonRead();
            return i == script.size() || !(script.get(i) instanceof MockAction.Wait);
        }
        return false;
    }

    /** The index of the first step that is not a read: where writes are matched. */
    private int firstNonRead() {
        int i = 0;
        while (i < script.size() && (script.get(i) instanceof MockAction.Read
                || script.get(i) instanceof MockAction.ReadError)) {
            i++;
        }
        return i;
    }

    /** Starts a front {@code wait} (fixes its end) and ends it, and the waits after it, once their time has come. */
    private void startWait() {
        while (!script.isEmpty() && script.get(0) instanceof MockAction.Wait w) {
            if (waitEnd < 0) {
                waitEnd = runtime.nanos() + w.nanos();
            }
            if (runtime.nanos() < waitEnd) {
                return;
            }
            waitEnd = -1;
            script.remove(0);
            used++;
        }
    }

    /** Sets the timer that ends a front {@code wait} while a registration waits for it. */
    private void armTimer() {
        if (waitTimer == null && waitEnd >= 0 && !registrations.isEmpty()) {
            waitTimer = runtime.runAt(waitEnd, () -> {
                waitTimer = null;
                startWait();
                wakeReady();
            });
        }
    }

    private void disarmTimerIfIdle() {
        if (waitTimer != null && registrations.isEmpty()) {
            waitTimer.cancel();
            waitTimer = null;
        }
    }

    private void pop(int i) {
        script.remove(i);
        used++;
        startWait();
        wakeReady();
    }

    private void wakeReady() {
        for (InterestRegistration r : List.copyOf(registrations)) {
            if (isReady(r.interest())) {
                fire(r);
            }
        }
        disarmTimerIfIdle();
        armTimer();
    }

    private void fire(InterestRegistration r) {
        registrations.remove(r);
        r.deactivate();
        r.waker().wakeByRef();
    }

    private void remove(InterestRegistration r) {
        if (registrations.remove(r)) {
            r.deactivate();
            disarmTimerIfIdle();
        }
    }

    private void checkOpen(String op) {
        if (!open) {
            throw new SocketClosedException("MockIo: " + op + " after close()", "mock-local", "mock-peer", runtime, null);
        }
    }

    @Override
    public String toString() {
        return "mock stream, " + script.size() + " step(s) left" + (open ? "" : ", closed");
    }
}
