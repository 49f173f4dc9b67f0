package dev.lockstep.choice;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads the file of an {@code @path} replay string. Not a decision path: it runs before a run starts. */
final class ReplayFiles {
    /** Files larger than this are not replay strings (the largest string holds {@code MAX_CHOICES}). */
    private static final long MAX_BYTES = 64L << 20;

    private ReplayFiles() {}

    static String read(String path) {
        if (path.isBlank()) {
            throw new IllegalArgumentException("replay '@' names no file; expected @path/to/file.replay");
        }
        Path file = Path.of(path.strip());
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new IllegalArgumentException("replay file " + Choices.escape(path) + " is larger than "
                        + MAX_BYTES + " bytes; it is not a replay string");
            }
            String text = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (text.startsWith("@")) {
                throw new IllegalArgumentException("replay file " + Choices.escape(path)
                        + " names another file; it must hold the replay string itself");
            }
            return text;
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("replay file " + Choices.escape(path) + " does not exist (relative"
                    + " paths are read from the working directory, " + Path.of("").toAbsolutePath() + ")", e);
        } catch (IOException e) {
            throw new IllegalArgumentException("replay file " + Choices.escape(path) + " cannot be read: " + e, e);
        }
    }
}
