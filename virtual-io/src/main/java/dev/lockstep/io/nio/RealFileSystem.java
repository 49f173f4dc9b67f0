package dev.lockstep.io.nio;

import dev.lockstep.future.Future;
import dev.lockstep.future.Futures;
import dev.lockstep.future.Poll;
import dev.lockstep.future.RuntimeHandle;
import dev.lockstep.io.fs.FileSource;
import dev.lockstep.io.fs.FileSystem;
import dev.lockstep.io.fs.OpenOption;
import dev.lockstep.io.fs.StorageException;
import dev.lockstep.io.fs.StorageException.Kind;
import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The production {@link FileSystem}: the same futures over {@link FileChannel} on the real file
 * system, every path relative to a root folder. Install it on a {@link RealRuntime} with
 * {@code runtime.install(FileSystem.class, RealFileSystem.rooted(folder))}.
 *
 * <h2>Threads and blocking</h2>
 * Each operation runs in the poll that completes it (its first), on the runtime's thread: local
 * file operations are short, and running them inline keeps the event loop single-threaded and
 * the code's order the order of the operations. {@code sync} is {@code FileChannel.force(true)};
 * {@code syncDirectory} forces the folder's own channel (Linux and macOS support this).
 *
 * <h2>Errors</h2>
 * The JDK's exceptions map to {@link StorageException.Kind}s: {@code NoSuchFileException} (and a
 * path under a file, {@code ENOTDIR}) to {@code NO_SUCH_FILE}, {@code FileAlreadyExistsException} to {@code FILE_EXISTS},
 * {@code ClosedChannelException} to {@code CLOSED}, "No space left on device" to
 * {@code DISK_FULL}, any other {@code IOException} to {@code IO_ERROR}; the original is the cause.
 */
public final class RealFileSystem implements FileSystem {
    private final Path root;

    private RealFileSystem(Path root) {
        this.root = root;
    }

    /**
     * A file system whose paths are relative to {@code root} (created if missing).
     *
     * @throws java.io.UncheckedIOException if the folder cannot be created
     */
    public static RealFileSystem rooted(Path root) {
        Path r = Objects.requireNonNull(root, "root").toAbsolutePath().normalize();
        try {
            Files.createDirectories(r);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("RealFileSystem: cannot create root folder " + r, e);
        }
        return new RealFileSystem(r);
    }

    /** The root folder. */
    public Path root() {
        return root;
    }

    @Override
    public Future<FileSource> open(String path, Set<OpenOption> options) {
        return now("open", path, rt -> {
            Set<StandardOpenOption> o = EnumSet.of(StandardOpenOption.READ);
            boolean readOnly = options.contains(OpenOption.READ_ONLY);
            if (!readOnly) {
                o.add(StandardOpenOption.WRITE);
            }
            if (options.contains(OpenOption.CREATE_NEW)) {
                o.add(StandardOpenOption.CREATE_NEW);
            } else if (options.contains(OpenOption.CREATE)) {
                o.add(StandardOpenOption.CREATE);
            }
            if (options.contains(OpenOption.TRUNCATE_EXISTING)) {
                if (readOnly) {
                    throw new StorageException(Kind.READ_ONLY, "open: TRUNCATE_EXISTING with READ_ONLY", path, "-", rt,
                            null);
                }
                o.add(StandardOpenOption.TRUNCATE_EXISTING);
            }
            Path p = resolve(path);
            if (Files.isDirectory(p)) {
                throw new StorageException(Kind.FILE_EXISTS, "open: a folder has this path", path, "-", rt, null);
            }
            if (readOnly && (options.contains(OpenOption.CREATE) || options.contains(OpenOption.CREATE_NEW))) {
                // FileChannel ignores CREATE and CREATE_NEW without WRITE: create the file first.
                try {
                    Files.createFile(p);
                } catch (FileAlreadyExistsException e) {
                    if (options.contains(OpenOption.CREATE_NEW)) {
                        throw e;
                    }
                }
            }
            return new RealFileSource(path, FileChannel.open(p, o), readOnly);
        });
    }

    @Override
    public Future<Void> rename(String from, String to) {
        return now("rename", from, rt -> {
            Path target = resolve(to);
            if (Files.isDirectory(target)) {
                throw new StorageException(Kind.FILE_EXISTS, "rename from " + from + ": a folder has the target path",
                        to, "-", rt, null);
            }
            if (!Files.isRegularFile(resolve(from))) {
                throw new StorageException(Kind.NO_SUCH_FILE, "rename to " + to + ": no such file", from, "-", rt, null);
            }
            Files.move(resolve(from), target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return null;
        });
    }

    @Override
    public Future<Void> delete(String path) {
        return now("delete", path, rt -> {
            Path p = resolve(path);
            if (!Files.isRegularFile(p)) {
                throw new StorageException(Kind.NO_SUCH_FILE, "delete: no such file", path, "-", rt, null);
            }
            Files.delete(p);
            return null;
        });
    }

    @Override
    public Future<Boolean> exists(String path) {
        return now("exists", path, rt -> Files.exists(resolve(path)));
    }

    @Override
    public Future<List<String>> list(String dir) {
        return now("list", dir, rt -> {
            Path d = resolve(dir);
            if (!Files.isDirectory(d)) {
                throw new StorageException(Kind.NO_SUCH_FILE, "list: folder '" + dir + "' does not exist", dir, "-", rt,
                        null);
            }
            List<String> names = new ArrayList<>();
            try (Stream<Path> s = Files.list(d)) {
                s.forEach(p -> names.add(p.getFileName().toString()));
            }
            names.sort(null);
            return List.copyOf(names);
        });
    }

    @Override
    public Future<Void> createDirectories(String dir) {
        return now("createDirectories", dir, rt -> {
            Files.createDirectories(resolve(dir));
            return null;
        });
    }

    @Override
    public Future<Void> syncDirectory(String dir) {
        return now("syncDirectory", dir, rt -> {
            Path d = resolve(dir);
            if (!Files.isDirectory(d)) {
                throw new StorageException(Kind.NO_SUCH_FILE, "syncDirectory: folder '" + dir + "' does not exist", dir,
                        "-", rt, null);
            }
            try (FileChannel c = FileChannel.open(d, StandardOpenOption.READ)) {
                c.force(true);
            }
            return null;
        });
    }

    @Override
    public String toString() {
        return "RealFileSystem[" + root + "]";
    }

    private Path resolve(String path) {
        return path.isEmpty() ? root : root.resolve(path);
    }

    /** What an operation does, given the runtime for its error messages. */
    @FunctionalInterface
    interface Action<T> {
        T run(RuntimeHandle rt) throws IOException;
    }

    /** A future that does {@code action} in its first poll and maps the JDK's exceptions. */
    static <T> Future<T> now(String op, String path, Action<T> action) {
        return Futures.pollFn(cx -> {
            RuntimeHandle rt = cx.runtime();
            try {
                return Poll.ready(action.run(rt));
            } catch (IOException e) {
                throw translate(op, path, rt, e);
            }
        });
    }

    static StorageException translate(String op, String path, RuntimeHandle rt, IOException e) {
        Kind kind;
        if (e instanceof NoSuchFileException || e instanceof NotDirectoryException
                || (e instanceof FileSystemException f && String.valueOf(f.getReason()).contains("Not a directory"))) {
            kind = Kind.NO_SUCH_FILE;
        } else if (e instanceof FileAlreadyExistsException || e instanceof DirectoryNotEmptyException) {
            kind = Kind.FILE_EXISTS;
        } else if (e instanceof ClosedChannelException) {
            kind = Kind.CLOSED;
        } else if (e instanceof AccessDeniedException || e instanceof AtomicMoveNotSupportedException) {
            kind = Kind.OTHER;
        } else if (String.valueOf(e.getMessage()).contains("No space left")) {
            kind = Kind.DISK_FULL;
        } else {
            kind = Kind.IO_ERROR;
        }
        return new StorageException(kind, op + ": " + e, path, "-", rt, e);
    }
}
