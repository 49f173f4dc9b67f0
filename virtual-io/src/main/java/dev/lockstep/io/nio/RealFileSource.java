package dev.lockstep.io.nio;

import dev.lockstep.future.Future;
import dev.lockstep.io.fs.FileSource;
import dev.lockstep.io.fs.StorageException;
import dev.lockstep.io.fs.StorageException.Kind;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/** A file open on the real file system ({@link RealFileSystem}), over one {@link FileChannel}. */
final class RealFileSource implements FileSource {
    private final String path;
    private final FileChannel channel;
    private final boolean readOnly;
    private boolean closed;

    RealFileSource(String path, FileChannel channel, boolean readOnly) {
        this.path = path;
        this.channel = channel;
        this.readOnly = readOnly;
    }

    @Override
    public String path() {
        return path;
    }

    @Override
    public Future<Integer> read(ByteBuffer dst, long position) {
        return op("read", false, rt -> {
            if (!dst.hasRemaining()) {
                return position >= channel.size() ? -1 : 0;
            }
            return channel.read(dst, position);
        });
    }

    @Override
    public Future<Integer> write(ByteBuffer src, long position) {
        return op("write", true, rt -> {
            int total = 0;
            long at = position;
            while (src.hasRemaining()) {
                int n = channel.write(src, at);
                total += n;
                at += n;
            }
            return total;
        });
    }

    @Override
    public Future<Long> append(ByteBuffer src) {
        return op("append", true, rt -> {
            long start = channel.size();
            long at = start;
            while (src.hasRemaining()) {
                at += channel.write(src, at);
            }
            return start;
        });
    }

    @Override
    public Future<Void> sync() {
        return op("sync", false, rt -> {
            channel.force(true);
            return null;
        });
    }

    @Override
    public Future<Long> size() {
        return op("size", false, rt -> channel.size());
    }

    @Override
    public Future<Void> truncate(long size) {
        return op("truncate", true, rt -> {
            channel.truncate(size);
            return null;
        });
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            channel.close();
        } catch (java.io.IOException ignored) {
            // Closing a file channel releases its descriptor; an error here leaves nothing to undo.
        }
    }

    private <T> Future<T> op(String op, boolean writes, RealFileSystem.Action<T> action) {
        return RealFileSystem.now(op, path, rt -> {
            if (closed) {
                throw new StorageException(Kind.CLOSED, op + " after close()", path, "-", rt, null);
            }
            if (writes && readOnly) {
                throw new StorageException(Kind.READ_ONLY, op + " on a handle opened READ_ONLY", path, "-", rt, null);
            }
            return action.run(rt);
        });
    }

    @Override
    public String toString() {
        return "RealFile[" + path + (closed ? ", closed" : "") + "]";
    }
}
