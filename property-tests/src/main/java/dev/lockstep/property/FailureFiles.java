package dev.lockstep.property;

import dev.lockstep.timeline.Timeline;
import dev.lockstep.trace.TraceEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The files a failure leaves beside the failure store: its replay string when it is too long to
 * pass as an argument, and the HTML timeline of the shrunk run.
 *
 * <h2>Names</h2>
 * {@code <folder>/<property>-<hash>.replay} and {@code <folder>/<property>-<hash>.html}, where the
 * property's name has every character outside {@code [A-Za-z0-9._-]} replaced by {@code _} and
 * the hash is eight hex digits of the replay string: the same failure writes the same files.
 *
 * <h2>Errors</h2>
 * A file that cannot be written is not a failure of the property: the caller gets {@code null}
 * and a warning says why.
 */
final class FailureFiles {
    private final Path folder;
    private final java.util.function.Consumer<String> warn;

    /** Files under {@code folder}; {@code warn} receives why a file could not be written. */
    FailureFiles(Path folder, java.util.function.Consumer<String> warn) {
        this.folder = folder;
        this.warn = warn;
    }

    /** Writes {@code replay} to its file and returns the path, or {@code null} if it cannot. */
    String writeReplay(String property, String replay) {
        Path file = folder.resolve(base(property, replay) + ".replay");
        try {
            Files.createDirectories(folder);
            Files.writeString(file, replay + "\n", StandardCharsets.UTF_8);
            return file.toString();
        } catch (IOException | RuntimeException e) {
            warn.accept("could not write the replay string to " + file + ": " + e);
            return null;
        }
    }

    /**
     * Writes the timeline of {@code events} with each decision marked by a note just before it,
     * and returns the path, or {@code null} if it cannot.
     */
    String writeTimeline(String property, String replay, List<TraceEvent> events, Throwable failure) {
        Path file = folder.resolve(base(property, replay) + ".html");
        List<TraceEvent> marked = new ArrayList<>(events.size() + 16);
        int n = 0;
        for (int i = 0; i < events.size(); i++) {
            String words = Decisions.words(events, i);
            if (words != null) {
                TraceEvent e = events.get(i);
                int task = e instanceof TraceEvent.Fault f ? f.task() : -1;
                String name = e instanceof TraceEvent.Fault f ? f.name() : "";
                marked.add(new TraceEvent.Note(e.step(), e.nanos(), task, name, "decision " + (++n) + ": " + words));
            }
            marked.add(events.get(i));
        }
        try {
            Timeline.of(marked).title(property + " (shrunk failure)").failure(failure)
                    .replay(replay.length() > dev.lockstep.choice.Choices.FILE_THRESHOLD ? "" : replay).write(file);
            return file.toString();
        } catch (IOException | RuntimeException e) {
            warn.accept("could not write the timeline to " + file + ": " + e);
            return null;
        }
    }

    private static String base(String property, String replay) {
        return property.replaceAll("[^A-Za-z0-9._-]", "_") + "-" + String.format("%08x", replay.hashCode());
    }
}
