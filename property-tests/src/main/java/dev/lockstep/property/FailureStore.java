package dev.lockstep.property;

import dev.lockstep.choice.Choices;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collection;
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
 * {@code target/lockstep/<fully qualified test class>/<method>.txt} (see {@link #defaultFile}),
 * so {@code mvn clean} forgets it.
 *
 * <h2>Errors</h2>
 * A store never fails a check. A line that is not a valid replay string is reported as a warning
 * (file, line number, what is wrong) and skipped; an unreadable file (not UTF-8, a directory, no
 * permission) is reported and treated as empty; a failure to write is reported and the check goes
 * on. The next write rewrites the file with the valid entries only.
 *
 * <h2>Threads</h2>
 * One store object per file, used by one check at a time.
 */
public final class FailureStore {
    private final Path file;
    private final Consumer<String> warnings;

    private FailureStore(Path file, Consumer<String> warnings) {
        this.file = Objects.requireNonNull(file, "file");
        this.warnings = Objects.requireNonNull(warnings, "warnings");
    }

    /** A store in {@code file}, reporting problems to {@code warnings}. */
    public static FailureStore at(Path file, Consumer<String> warnings) {
        return new FailureStore(file, warnings);
    }

    /** {@code root/<testClass>/<method>.txt}. */
    public static Path defaultFile(Path root, String testClass, String method) {
        return root.resolve(sanitise(testClass)).resolve(sanitise(method) + ".txt");
    }

    /** The file. */
    public Path file() {
        return file;
    }

    /** The valid replay strings stored, oldest first, without duplicates; warns about the rest. */
    public List<String> load() {
        List<String> lines;
        try {
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
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            try {
                Choices.parse(line);
                out.add(line);
            } catch (IllegalArgumentException e) {
                warn("ignoring line " + (i + 1) + " of failure store " + file + ": " + e.getMessage());
            }
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

    private static String sanitise(String name) {
        return name.replaceAll("[^A-Za-z0-9._$-]", "_");
    }

    @Override
    public String toString() {
        return "FailureStore[" + file + "]";
    }
}
