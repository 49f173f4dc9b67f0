package dev.lockstep.io.fs;

import dev.lockstep.future.Future;
import java.nio.ByteBuffer;

/**
 * An open file as a backend implements it; user code uses it through {@link FileHandle}, which
 * checks arguments first. Buffers are read and written as {@code FileChannel} does: from their
 * position to their limit, moving the position by what was transferred.
 */
public interface FileSource {
    /** The path it was opened at. */
    String path();

    /** Reads into {@code dst} from {@code position}: bytes read, or {@code -1} at or past the end. */
    Future<Integer> read(ByteBuffer dst, long position);

    /** Writes all of {@code src} at {@code position} (extending the file, zero-filled, if beyond its end). */
    Future<Integer> write(ByteBuffer src, long position);

    /** Writes all of {@code src} at the end: the position it was written at. */
    Future<Long> append(ByteBuffer src);

    /** Makes every write so far durable ({@code fsync}). */
    Future<Void> sync();

    /** The file's size in bytes, unsynced writes included. */
    Future<Long> size();

    /** Cuts the file to {@code size} bytes (no effect if it is shorter). */
    Future<Void> truncate(long size);

    /** Closes it at once; later operations fail with {@link StorageException.Kind#CLOSED}. Idempotent. */
    void close();
}
