package dev.lockstep.io.sim;

import dev.lockstep.future.Future;
import dev.lockstep.future.RuntimeHandle;
import dev.lockstep.io.fs.FileSource;
import dev.lockstep.io.fs.StorageException;
import dev.lockstep.io.fs.StorageException.Kind;
import dev.lockstep.io.sim.DiskOp.Access;
import java.nio.ByteBuffer;
import java.util.function.Function;

/**
 * A file open on a {@link SimDisk}. It refers to the file's contents, not its name: a file renamed
 * or deleted while open is still read and written through it, as on POSIX.
 */
final class SimFileSource implements FileSource {
    private final SimDisk disk;
    private final String path;
    private final SimInode inode;
    private final boolean readOnly;
    private final int generation;
    private boolean closed;

    SimFileSource(SimDisk disk, String path, SimInode inode, boolean readOnly) {
        this.disk = disk;
        this.path = path;
        this.inode = inode;
        this.readOnly = readOnly;
        this.generation = disk.generation();
    }

    @Override
    public String path() {
        return path;
    }

    @Override
    public Future<Integer> read(ByteBuffer dst, long position) {
        return op("read", Access.READ, false, rt -> {
            int start = dst.position();
            int n = inode.read(position, dst);
            double corrupt = disk.config().corruptReads();
            if (n > 0 && corrupt > 0 && rt.choices().chance(corrupt)) {
                int at = start + (int) rt.choices().between(0, n - 1);
                dst.put(at, (byte) (dst.get(at) ^ 0x5A));
                SimStorage.trace(rt, disk.host(), path, "disk-fault", n, "read at " + position
                        + ": corrupted byte " + (position + at - start) + " (DiskConfig corruptReads)");
            }
            SimStorage.trace(rt, disk.host(), path, "disk-read", Math.max(n, 0), "at " + position);
            return n;
        });
    }

    @Override
    public Future<Integer> write(ByteBuffer src, long position) {
        byte[] bytes = new byte[src.remaining()];
        int start = src.position();
        return op("write", Access.WRITE, true, rt -> {
            src.get(start, bytes);
            checkFileSize(rt, "write", position, bytes.length);
            checkRoom(rt, "write", Math.max(0, position + bytes.length - inode.size()));
            inode.write(position, bytes);
            src.position(start + bytes.length);
            SimStorage.trace(rt, disk.host(), path, "disk-write", bytes.length, "at " + position);
            return bytes.length;
        });
    }

    @Override
    public Future<Long> append(ByteBuffer src) {
        byte[] bytes = new byte[src.remaining()];
        int start = src.position();
        return op("append", Access.WRITE, true, rt -> {
            src.get(start, bytes);
            long position = inode.size();
            checkFileSize(rt, "append", position, bytes.length);
            checkRoom(rt, "append", bytes.length);
            inode.write(position, bytes);
            src.position(start + bytes.length);
            SimStorage.trace(rt, disk.host(), path, "disk-write", bytes.length, "append at " + position);
            return position;
        });
    }

    @Override
    public Future<Void> sync() {
        return op("sync", Access.WRITE, false, rt -> {
            inode.sync();
            SimStorage.trace(rt, disk.host(), path, "disk-sync", 0, "size " + inode.size());
            return null;
        });
    }

    @Override
    public Future<Long> size() {
        return op("size", Access.NONE, false, rt -> inode.size());
    }

    @Override
    public Future<Void> truncate(long size) {
        return op("truncate", Access.WRITE, true, rt -> {
            inode.truncate(size);
            SimStorage.trace(rt, disk.host(), path, "disk-truncate", 0, "to " + size);
            return null;
        });
    }

    @Override
    public void close() {
        closed = true;
    }

    /**
     * Rejects a write that would end past {@link SimInode#MAX_SIZE}, the most a simulated file
     * holds (a limit of the simulation, not of the disk it models), before its end overflows.
     */
    private void checkFileSize(RuntimeHandle rt, String op, long position, int length) {
        if (position > SimInode.MAX_SIZE - length) {
            throw new IllegalArgumentException(op + " of " + length + " bytes at " + position + " on " + path
                    + " of host " + (disk.host().isEmpty() ? "-" : disk.host()) + ": a simulated file holds at most "
                    + SimInode.MAX_SIZE + " bytes (" + rt.describe() + ")");
        }
    }

    private void checkRoom(RuntimeHandle rt, String op, long growth) {
        long capacity = disk.config().capacity();
        if (growth > 0 && disk.usedBytes() + growth > capacity) {
            SimStorage.trace(rt, disk.host(), path, "disk-fault", (int) Math.min(growth, Integer.MAX_VALUE),
                    op + ": disk full (ENOSPC)");
            throw new StorageException(Kind.DISK_FULL, op + " of " + growth + " more bytes: the disk holds "
                    + disk.usedBytes() + " of " + capacity + " bytes (DiskConfig capacity)", path, disk.host(), rt, null);
        }
    }

    private <T> Future<T> op(String op, Access access, boolean writes, Function<RuntimeHandle, T> action) {
        return new DiskOp<>(disk, op, path, access, rt -> {
            if (generation != disk.generation()) {
                throw new StorageException(Kind.CRASHED, op + ": the file was opened before its host's disk lost"
                        + " power or its process was killed; open it again after the restart", path, disk.host(), rt,
                        null);
            }
            if (closed) {
                throw new StorageException(Kind.CLOSED, op + " after close()", path, disk.host(), rt, null);
            }
            if (writes && readOnly) {
                throw new StorageException(Kind.READ_ONLY, op + " on a handle opened READ_ONLY", path, disk.host(), rt,
                        null);
            }
        }, action);
    }

    @Override
    public String toString() {
        return "SimFile[" + disk.host() + ":" + path + (closed ? ", closed" : "") + "]";
    }
}
