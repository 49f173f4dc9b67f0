package dev.lockstep.io.fs;

import dev.lockstep.future.RuntimeHandle;
import java.util.Objects;

/**
 * A file operation failed. The simulated disk and the real file system throw the same exceptions,
 * so the code that handles them is tested in simulation as it runs in production.
 *
 * <h2>Kinds</h2>
 * {@link Kind} says which failure it is: the ones a real disk gives ({@link Kind#IO_ERROR} for
 * {@code EIO}, {@link Kind#DISK_FULL} for {@code ENOSPC}), the ones of the name space ({@link
 * Kind#NO_SUCH_FILE}, {@link Kind#FILE_EXISTS}), misuse ({@link Kind#CLOSED}, {@link Kind#READ_ONLY})
 * and {@link Kind#CRASHED}: the file was open on a host that crashed or whose process was killed
 * since, or the host is down.
 *
 * <h2>Message</h2>
 * What failed, the operation and path, the host whose disk it is, and where the run was: task,
 * step, time and, in a simulation, the replay string ({@link RuntimeHandle#describe()}).
 */
public class StorageException extends RuntimeException {
    /** Which failure a {@link StorageException} is. */
    public enum Kind {
        /** The device failed the operation ({@code EIO}); nothing of a failed write was applied. */
        IO_ERROR,
        /** No room for the write ({@code ENOSPC}); nothing of it was applied. */
        DISK_FULL,
        /** The path names no file. */
        NO_SUCH_FILE,
        /**
         * {@link OpenOption#CREATE_NEW} on an existing file; a folder where a file is wanted (an open,
         * or a rename onto it); or a file where {@link Storage#createDirectories} wants a folder.
         */
        FILE_EXISTS,
        /** The handle was closed. */
        CLOSED,
        /** The handle was opened {@link OpenOption#READ_ONLY} and the operation writes. */
        READ_ONLY,
        /**
         * In simulation: the handle was opened before its host crashed, its process was killed or
         * its disk lost power ({@code SimDisk.powerLoss()}); or the operation ran while its host
         * was down. Open the file again once the host restarted.
         */
        CRASHED,
        /** Anything else the real file system reported; the cause is the original exception. */
        OTHER
    }

    private final Kind kind;
    private final String path;
    private final String host;

    /**
     * @param kind    which failure
     * @param what    what failed, e.g. {@code "write at 4096: device error"}
     * @param path    the path of the file or folder
     * @param host    the host whose disk it is ({@code "-"} in production)
     * @param runtime the runtime the operation ran on, for the time and the run's description
     * @param cause   the underlying exception, or {@code null}
     */
    public StorageException(Kind kind, String what, String path, String host, RuntimeHandle runtime,
            Throwable cause) {
        super(kind.name().toLowerCase().replace('_', ' ') + ": " + what + "\n  path " + path + " on " + host
                + "\n  at " + runtime.describe(), cause);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.path = Objects.requireNonNull(path, "path");
        this.host = Objects.requireNonNull(host, "host");
    }

    /** Which failure this is. */
    public Kind kind() {
        return kind;
    }

    /** The path of the file or folder. */
    public String path() {
        return path;
    }

    /** The host whose disk it is, or {@code "-"} in production. */
    public String host() {
        return host;
    }
}
