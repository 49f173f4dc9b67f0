package dev.lockstep.io.sim;

import dev.lockstep.fault.FaultKind;
import dev.lockstep.future.Cancellable;
import dev.lockstep.future.Context;
import dev.lockstep.future.Future;
import dev.lockstep.future.Poll;
import dev.lockstep.future.RuntimeHandle;
import dev.lockstep.future.TimerRegistration;
import dev.lockstep.io.fs.StorageException;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One operation on a simulated disk: it takes the disk's latency (drawn at the first poll), then
 * happens all at once in the poll that completes it. Until then nothing of it is applied, so
 * cancelling it loses nothing and leaves no timer.
 *
 * <p>Faults: when the operation happens, a down host's disk fails it with {@code CRASHED}, then its
 * {@code check} (a handle's misuse: closed, read-only, opened before a crash) may fail it; only then
 * is a device fault drawn: a write-kind operation fails with {@code IO_ERROR} with
 * the disk's {@code writeErrors} probability, a read with {@code readErrors}, or with the fault
 * plan's {@code disk-error} probability when that is higher (each drawn only when the rate is
 * above 0).
 */
final class DiskOp<T> implements Future<T>, Cancellable {
    /** What kind of device access an operation is, for its fault rate. */
    enum Access { READ, WRITE, NONE }

    private final SimDisk disk;
    private final String op;
    private final String path;
    private final Access access;
    /** Fails the operation before any device fault is drawn (a misused handle); may do nothing. */
    private final Consumer<RuntimeHandle> check;
    private final Function<RuntimeHandle, T> action;
    private long deadline = -1;
    private TimerRegistration timer;
    private boolean done;

    DiskOp(SimDisk disk, String op, String path, Access access, Function<RuntimeHandle, T> action) {
        this(disk, op, path, access, rt -> { }, action);
    }

    DiskOp(SimDisk disk, String op, String path, Access access, Consumer<RuntimeHandle> check,
            Function<RuntimeHandle, T> action) {
        this.check = check;
        this.disk = disk;
        this.op = op;
        this.path = path;
        this.access = access;
        this.action = action;
    }

    @Override
    public Poll<T> poll(Context cx) {
        if (done) {
            throw new IllegalStateException(op + " " + path + " polled after it completed or was cancelled ("
                    + cx.runtime().describe() + ")");
        }
        RuntimeHandle rt = cx.runtime();
        if (deadline < 0) {
            DiskConfig c = disk.config();
            long jitter = c.jitter().toNanos();
            long latency = c.latency().toNanos() + (jitter > 0 ? rt.choices().between(0, jitter) : 0);
            deadline = rt.nanos() + latency;
        }
        if (rt.nanos() < deadline) {
            if (timer == null || !timer.isActive()) {
                timer = rt.wakeAt(deadline, cx.waker());
            } else {
                timer.updateWaker(cx.waker());
            }
            return Poll.pending();
        }
        done = true;
        timer = null;
        if (!disk.isUp()) {
            throw new StorageException(StorageException.Kind.CRASHED, op + ": host " + disk.host()
                    + " is down (it crashed, or its process was killed); restart it first", path, disk.host(), rt,
                    null);
        }
        check.accept(rt);
        DiskConfig c = disk.config();
        double configured = access == Access.READ ? c.readErrors() : access == Access.WRITE ? c.writeErrors() : 0;
        double planned = access == Access.NONE ? 0 : disk.storage().planErrorRate();
        double rate = Math.max(configured, planned);
        if (rate > 0 && errorCoin(rt, rate, configured == 0)) {
            String source = planned >= configured ? "fault plan disk-error " + planned
                    : "DiskConfig " + (access == Access.READ ? "readErrors" : "writeErrors") + " " + configured;
            SimStorage.trace(rt, disk.host(), path, "disk-fault", 0, op + ": device error (EIO, " + source + ")");
            throw new StorageException(StorageException.Kind.IO_ERROR, op + ": device error (injected EIO; " + source
                    + ")", path, disk.host(), rt, null);
        }
        return Poll.ready(action.apply(rt));
    }

    /**
     * The coin of an injected error. When only the plan's {@code disk-error} asks for it, it is
     * labelled with that fault, as the executor's fault coins are, so that a shrinker switching the
     * fault off drops exactly it; a coin the disk's own {@code DiskConfig} rates also ask for stays
     * unlabelled, since it is drawn without the fault too.
     */
    private static boolean errorCoin(RuntimeHandle rt, double rate, boolean planOnly) {
        if (!planOnly) {
            return rt.choices().chance(rate);
        }
        return FaultKind.DISK_ERROR.coin(rt.choices(), rate);
    }

    @Override
    public void cancel() {
        done = true;
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
    }

    @Override
    public String toString() {
        return "disk " + op + " " + path + (done ? " (done)" : "");
    }
}
