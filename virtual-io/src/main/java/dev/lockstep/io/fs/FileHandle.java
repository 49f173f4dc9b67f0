package dev.lockstep.io.fs;

import dev.lockstep.future.Future;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.Set;

/**
 * An open file: positional reads and writes, appends, {@link #sync()}, size and truncate, each a
 * future; {@link #close()} acts at once (like a socket's).
 *
 * <h2>Returns</h2>
 * <ul>
 *   <li>{@link #read}: bytes read into {@code dst} from {@code position}, at least 1 while
 *       {@code dst} has room and the file has bytes there; {@code -1} at or past the end.
 *   <li>{@link #write} and {@link #append}: every remaining byte of {@code src} is written (the
 *       future completes when all are); {@code append} gives the position written at.
 *   <li>{@link #sync()}: completes once every write before it is durable.
 * </ul>
 *
 * <h2>Cancellation</h2>
 * A cancelled operation did not happen: nothing of a cancelled write is applied.
 *
 * <h2>Errors</h2>
 * {@link StorageException}: {@code CLOSED} after {@link #close()}, {@code READ_ONLY} for a write
 * to a read-only handle, {@code CRASHED} once its host crashed or its process was killed (or its
 * simulated disk lost power) after the open, {@code IO_ERROR} and
 * {@code DISK_FULL} from the device.
 */
public final class FileHandle {
    private final FileSource source;
    private final boolean readOnly;

    FileHandle(FileSource source, Set<OpenOption> options) {
        this.source = source;
        this.readOnly = options.contains(OpenOption.READ_ONLY);
    }

    /** The path it was opened at. */
    public String path() {
        return source.path();
    }

    /** Reads into {@code dst} from {@code position}; see the class comment. */
    public Future<Integer> read(ByteBuffer dst, long position) {
        Objects.requireNonNull(dst, "read: buffer is null");
        if (dst.isReadOnly()) {
            throw new IllegalArgumentException("read: the buffer is read-only, so nothing can be read into it");
        }
        return source.read(dst, checkPosition("read", position));
    }

    /** Writes all of {@code src} at {@code position}; see the class comment. */
    public Future<Integer> write(ByteBuffer src, long position) {
        Objects.requireNonNull(src, "write: buffer is null");
        return source.write(src, checkPosition("write", position));
    }

    /** Writes all of {@code src} at the end of the file; the future gives the position it went to. */
    public Future<Long> append(ByteBuffer src) {
        Objects.requireNonNull(src, "append: buffer is null");
        return source.append(src);
    }

    /** Makes every write before it durable ({@code fsync}). */
    public Future<Void> sync() {
        return source.sync();
    }

    /** The file's size, unsynced writes included. */
    public Future<Long> size() {
        return source.size();
    }

    /** Cuts the file to {@code size} bytes; no effect if it is {@code size} bytes or shorter (no growth). */
    public Future<Void> truncate(long size) {
        return source.truncate(checkPosition("truncate", size));
    }

    /** Closes the handle at once; unsynced writes stay where they are (in the cache). Idempotent. */
    public void close() {
        source.close();
    }

    /** Whether it was opened {@link OpenOption#READ_ONLY}. */
    public boolean isReadOnly() {
        return readOnly;
    }

    @Override
    public String toString() {
        return "FileHandle[" + source.path() + "]";
    }

    private static long checkPosition(String op, long position) {
        if (position < 0) {
            throw new IllegalArgumentException(op + ": position must be >= 0, got " + position);
        }
        return position;
    }
}
