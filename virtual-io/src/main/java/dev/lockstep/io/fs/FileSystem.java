package dev.lockstep.io.fs;

import dev.lockstep.future.Context;
import dev.lockstep.future.Future;
import java.util.List;
import java.util.Set;

/**
 * The file system of a runtime: the service behind {@link Storage}, reached through
 * {@code cx.runtime().service(FileSystem.class)}. {@code SimStorage} installs one on a simulation
 * (a disk per host); {@code RealFileSystem} on a {@code RealRuntime} (a root folder).
 *
 * <h2>Paths</h2>
 * Relative, {@code '/'}-separated, without {@code "."} or {@code ".."} segments ({@link StoragePaths#check}):
 * {@code "wal/000001.log"}. The empty path is the root folder, which always exists.
 *
 * <h2>Errors</h2>
 * Each future fails with a {@link StorageException} naming its {@link StorageException.Kind}.
 */
public interface FileSystem {

    /**
     * The file system of the runtime polling {@code cx}.
     *
     * @throws IllegalStateException if none is installed, naming how to install one
     */
    static FileSystem of(Context cx) {
        FileSystem fs = cx.runtime().service(FileSystem.class);
        if (fs == null) {
            throw new IllegalStateException("no FileSystem on this runtime, so files cannot be used: in a simulation"
                    + " install disks first (SimStorage.install(sim) or SimStorage.install(net)); in production"
                    + " install RealFileSystem.rooted(folder) on the RealRuntime (" + cx.runtime().describe() + ")");
        }
        return fs;
    }

    /** Opens {@code path} with {@code options} (see {@link OpenOption}). */
    Future<FileSource> open(String path, Set<OpenOption> options);

    /** Renames {@code from} to {@code to} atomically, replacing a file at {@code to}. */
    Future<Void> rename(String from, String to);

    /** Deletes the file {@code path}. */
    Future<Void> delete(String path);

    /** Whether a file or folder exists at {@code path}. */
    Future<Boolean> exists(String path);

    /** The names of the files and folders directly in folder {@code dir}, sorted. */
    Future<List<String>> list(String dir);

    /** Creates folder {@code dir} and every missing parent. */
    Future<Void> createDirectories(String dir);

    /** Makes every create, rename and delete in folder {@code dir} durable ({@code fsync} of the directory). */
    Future<Void> syncDirectory(String dir);
}
