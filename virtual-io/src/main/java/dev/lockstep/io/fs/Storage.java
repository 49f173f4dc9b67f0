package dev.lockstep.io.fs;

import dev.lockstep.future.Future;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Files as futures, the same in simulation and production: the operations on paths. Each future
 * finds the {@link FileSystem} of the runtime that polls it (a simulated host's disk, or a root
 * folder in production), so the code that uses it does not know which.
 *
 * <h2>Durability</h2>
 * A write is durable once {@link FileHandle#sync()} completes; a create, {@link #rename}, or
 * {@link #delete} once {@link #syncDirectory} of its folder completes. Before that, a crash may
 * undo it (in simulation: by a recorded choice, see {@code SimDisk}).
 *
 * <h2>Cancellation</h2>
 * An operation that has not completed has not happened: cancelling it changes nothing on disk.
 *
 * <h2>Errors</h2>
 * {@link StorageException} with its {@link StorageException.Kind}; an invalid path is an
 * {@link IllegalArgumentException} at once.
 */
public final class Storage {
    private Storage() {}

    /**
     * Opens {@code path}: with no options to read and write an existing file; see {@link OpenOption}.
     *
     * @throws IllegalArgumentException at once, if the path is invalid or names the root
     */
    public static Future<FileHandle> open(String path, OpenOption... options) {
        String p = StoragePaths.check(path);
        if (p.isEmpty()) {
            throw new IllegalArgumentException("open: the empty path is the root folder, not a file");
        }
        Set<OpenOption> opts = EnumSet.noneOf(OpenOption.class);
        for (OpenOption o : Objects.requireNonNull(options, "options")) {
            opts.add(Objects.requireNonNull(o, "open: an option is null"));
        }
        Set<OpenOption> fixed = Set.copyOf(opts);
        return new Deferred<>("open " + p, cx -> FileSystem.of(cx).open(p, fixed).map(s -> new FileHandle(s, fixed)));
    }

    /** Renames {@code from} to {@code to} atomically, replacing a file at {@code to}. */
    public static Future<Void> rename(String from, String to) {
        String f = StoragePaths.check(from);
        String t = StoragePaths.check(to);
        return new Deferred<>("rename " + f + " -> " + t, cx -> FileSystem.of(cx).rename(f, t));
    }

    /** Deletes the file {@code path}. */
    public static Future<Void> delete(String path) {
        String p = StoragePaths.check(path);
        return new Deferred<>("delete " + p, cx -> FileSystem.of(cx).delete(p));
    }

    /** Whether a file or folder exists at {@code path}. */
    public static Future<Boolean> exists(String path) {
        String p = StoragePaths.check(path);
        return new Deferred<>("exists " + p, cx -> FileSystem.of(cx).exists(p));
    }

    /** The names in folder {@code dir} ({@code ""}: the root), sorted. */
    public static Future<List<String>> list(String dir) {
        String d = StoragePaths.check(dir);
        return new Deferred<>("list " + d, cx -> FileSystem.of(cx).list(d));
    }

    /** Creates folder {@code dir} and its missing parents. */
    public static Future<Void> createDirectories(String dir) {
        String d = StoragePaths.check(dir);
        return new Deferred<>("createDirectories " + d, cx -> FileSystem.of(cx).createDirectories(d));
    }

    /** Makes the creates, renames and deletes in folder {@code dir} durable. */
    public static Future<Void> syncDirectory(String dir) {
        String d = StoragePaths.check(dir);
        return new Deferred<>("syncDirectory " + d, cx -> FileSystem.of(cx).syncDirectory(d));
    }
}
