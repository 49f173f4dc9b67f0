package dev.lockstep.property;

import dev.lockstep.choice.Choices;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The replay strings of a property's past failures, kept in one text file and re-run before any
 * seeded run, like a regression database.
 *
 * <h2>File</h2>
 * UTF-8 text, one replay string per line; blank lines and lines starting with {@code #} are
 * ignored. The default place for a {@code @SimTest} is
 * {@code target/lockstep/<test class>/<method>-<hash>.txt} (see {@link #defaultFile}), so
 * {@code mvn clean} forgets it. Names stay readable and never collide: the hash is of the exact
 * class name and method signature, so overloads and non-ASCII names get files of their own.
 *
 * <h2>Bounds</h2>
 * A store holds at most {@value #MAX_ENTRIES} replay strings (adding one more forgets the oldest)
 * and is read only if it is at most {@value #MAX_BYTES} bytes; a larger file is not a store.
 *
 * <h2>Errors</h2>
 * A store never fails a check. A file that is not a store — a symbolic link, a directory or other
 * non-regular file, or one past the size bound — is ignored with one warning line and never
 * written; its content is not echoed. A line that is not a valid replay string is reported as a
 * warning (file, line number, what is wrong; at most {@value #MAX_LINE_WARNINGS} lines, then a
 * count) and skipped; an unreadable file (not UTF-8, no permission) is reported and treated as
 * empty; a failure to write is reported and the check goes on. The next write rewrites the file
 * with the valid entries only.
 *
 * <h2>Threads</h2>
 * One store object per file, used by one check at a time.
 */
public final class FailureStore {
    /** The most replay strings a store keeps. */
    public static final int MAX_ENTRIES = 100;
    /** The largest file read as a store (1 MiB). */
    public static final long MAX_BYTES = 1 << 20;
    /** Bad lines reported one by one before the rest are only counted. */
    static final int MAX_LINE_WARNINGS = 5;
    /** The longest readable part of a default file or directory name. */
    private static final int READABLE_LENGTH = 80;

    private final Path file;
    private final Consumer<String> warnings;
    /** The file was found not to be a store: it is neither read nor written again. */
    private boolean notAStore;

    private FailureStore(Path file, Consumer<String> warnings) {
        this.file = Objects.requireNonNull(file, "file");
        this.warnings = Objects.requireNonNull(warnings, "warnings");
    }

    /** A store in {@code file}, reporting problems to {@code warnings}. */
    public static FailureStore at(Path file, Consumer<String> warnings) {
        return new FailureStore(file, warnings);
    }

    /**
     * {@code root/<testClass>/<method>-<hash>.txt}: {@code method} is the test's signature (the
     * JUnit extension passes {@code name(ParamType, ...)}), its readable part is the name with
     * characters other than {@code [A-Za-z0-9._$-]} replaced by {@code _}, and the hash (8 hex
     * digits of SHA-256) is of the exact class and signature, so distinct tests never share a file.
     * The class directory is the class name, with a hash only if the name had to be changed.
     */
    public static Path defaultFile(Path root, String testClass, String method) {
        String cls = readable(testClass);
        String dir = cls.equals(testClass) ? cls : cls + "-" + hash(testClass);
        int paren = method.indexOf('(');
        String name = readable(paren >= 0 ? method.substring(0, paren) : method);
        return root.resolve(dir).resolve(name + "-" + hash(testClass + "#" + method) + ".txt");
    }

    /** The file. */
    public Path file() {
        return file;
    }

    /** The valid replay strings stored, oldest first, without duplicates; warns about the rest. */
    public List<String> load() {
        List<String> lines;
        try {
            if (notAStore) {
                return List.of();
            }
            if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                return List.of();
            }
            String why = Files.isSymbolicLink(file) ? "it is a symbolic link"
                    : !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) ? "it is not a regular file"
                    : Files.size(file) > MAX_BYTES ? "it is " + Files.size(file) + " bytes, more than a store's "
                    + MAX_BYTES : null;
            if (why != null) {
                notAStore = true;
                warn("ignoring " + file + ": not a failure store (" + why + "); it is neither read nor replaced");
                return List.of();
            }
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (CharacterCodingException e) {
            warn("ignoring failure store " + file + ": it is not UTF-8 text (" + e + ")");
            return List.of();
        } catch (IOException | RuntimeException e) {
            warn("ignoring failure store " + file + ": cannot read it (" + e + ")");
            return List.of();
        }
        LinkedHashSet<String> out = new LinkedHashSet<>();
        int bad = 0;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            try {
                Choices.parse(line);
                out.add(line);
            } catch (IllegalArgumentException e) {
                if (++bad <= MAX_LINE_WARNINGS) {
                    warn("ignoring line " + (i + 1) + " of failure store " + file + ": " + e.getMessage());
                }
            }
        }
        if (bad > MAX_LINE_WARNINGS) {
            warn("ignoring " + (bad - MAX_LINE_WARNINGS) + " more invalid lines of failure store " + file);
        }
        return List.copyOf(out);
    }

    /** Adds {@code replay} (a valid replay string) if it is not stored yet. */
    public void add(String replay) {
        Choices.parse(replay);
        LinkedHashSet<String> entries = new LinkedHashSet<>(load());
        if (entries.add(replay)) {
            write(entries);
        }
    }

    /** Removes {@code replays}; deletes the file when nothing is left. */
    public void remove(Collection<String> replays) {
        if (replays.isEmpty()) {
            return;
        }
        LinkedHashSet<String> entries = new LinkedHashSet<>(load());
        if (entries.removeAll(replays)) {
            write(entries);
        }
    }

    /** Replaces {@code old} by {@code replacement} in place (a stored failure that shrank further). */
    public void replace(String old, String replacement) {
        Choices.parse(replacement);
        List<String> entries = new ArrayList<>(load());
        int at = entries.indexOf(old);
        if (at >= 0) {
            entries.set(at, replacement);
        } else {
            entries.add(replacement);
        }
        write(new LinkedHashSet<>(entries));
    }

    private void write(Collection<String> entries) {
        if (notAStore) {
            return;
        }
        List<String> kept = new ArrayList<>(entries);
        if (kept.size() > MAX_ENTRIES) {
            warn("failure store " + file + " keeps its newest " + MAX_ENTRIES + " replay strings; forgetting "
                    + (kept.size() - MAX_ENTRIES) + " older ones");
            kept = kept.subList(kept.size() - MAX_ENTRIES, kept.size());
        }
        entries = kept;
        try {
            if (entries.isEmpty()) {
                Files.deleteIfExists(file);
                return;
            }
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            List<String> lines = new ArrayList<>();
            lines.add("# Lockstep failure store: replay strings of failures, re-run first by the next check.");
            lines.addAll(entries);
            Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
            Files.write(tmp, lines, StandardCharsets.UTF_8);
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException | RuntimeException e) {
            warn("cannot update failure store " + file + ": " + e);
        }
    }

    private void warn(String message) {
        warnings.accept("lockstep: warning: " + message);
    }

    private static String readable(String name) {
        String r = name.replaceAll("[^A-Za-z0-9._$-]", "_");
        return r.length() <= READABLE_LENGTH ? r : r.substring(0, READABLE_LENGTH);
    }

    /** 8 hex digits of the SHA-256 of {@code s} in UTF-8. */
    private static String hash(String s) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return "FailureStore[" + file + "]";
    }
}
