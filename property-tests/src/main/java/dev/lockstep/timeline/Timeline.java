package dev.lockstep.timeline;

import dev.lockstep.trace.Trace;
import dev.lockstep.trace.TraceEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * An HTML timeline of one run, usually a failing one: a single self-contained file to open in a
 * browser.
 *
 * <pre>{@code
 * Simulation sim = Simulation.builder().seed(seed).traceCapacity(Integer.MAX_VALUE).build();
 * try {
 *     sim.blockOn(scenario());
 * } catch (RuntimeException e) {
 *     Timeline.of(sim.trace()).title("kv-store, seed " + seed).failure(e)
 *             .replay(sim.replayString()).write(Path.of("target/lockstep/timeline.html"));
 * }
 * }</pre>
 *
 * <h2>What the page shows</h2>
 * A header with the title, the replay string, the trace hash, the event count, the decisions and
 * the failure (message, causes, stack). Below it, the run on an axis of virtual time: the events of
 * one instant side by side in trace order, the gaps between instants proportional to virtual time,
 * long idle gaps folded and labelled, round-time ticks ({@code TimelineAxis}); a toggle orders it
 * by step instead. A lane per task, grouped by the host it was spawned on (tasks on no host form
 * their own group), a network lane per host and a gutter for events of no task. Per task, spans
 * while it was runnable and pending; polls are marks coloured by result (Ready, Pending, the poll
 * that threw); wakes are arrows to the poll they caused, from the waking task's lane or from the
 * gutter for timers and I/O; messages are arrows from send to delivery labelled with their size,
 * drops end in a cross and messages still in flight run to the end; injected faults and network
 * faults are highlighted across all lanes; the failure is a line at the end. The tasks the failure
 * names ({@code TimelineCulprits}: a lost wakeup, a stale waker, a pin violation, a failed task,
 * the task whose result a failing assertion checked) are highlighted, with their last Pending
 * marked; the run's non-zero choices ({@link #choices}) are flagged on the axis. Hovering a mark
 * shows its event (step, virtual time and {@link TraceEvent#describe()}); clicking pins it. The
 * mouse wheel zooms, dragging pans, marks carry text labels when zoomed in, and a search box keeps
 * the lanes whose name or events match. The view (axis, zoom, search) is kept in the address
 * fragment, e.g. {@code #mode=step&zoom=40&q=worker}.
 *
 * <h2>Trace-event JSON</h2>
 * {@link #traceEventJson()} gives the same run in the Chrome trace-event format for Perfetto UI
 * and {@code chrome://tracing} ({@code TimelineTraceEvents}).
 *
 * <h2>Size</h2>
 * Only the last {@link #DEFAULT_MAX_EVENTS} events are drawn unless {@link #maxEvents} says
 * otherwise; the header says when events were left out, by this cap or because the trace's ring
 * was full (build the simulation with {@code traceCapacity(Integer.MAX_VALUE)} to keep all).
 *
 * <h2>Safety</h2>
 * All text that comes from the run (titles, task and host names, details, notes, exception
 * messages) is escaped: as HTML in the header, and inside a JSON {@code <script>} element that
 * the page's script reads and inserts only as text. The page loads nothing: no network requests,
 * no external fonts, and a Content Security Policy that allows only its own inline script and
 * style by hash, so even markup that escaped escaping could not run.
 *
 * <h2>Determinism</h2>
 * The same events, title, failure and replay string give the same bytes.
 *
 * <p>Instances are immutable; the {@code with}-style methods return copies.
 */
public final class Timeline {
    /** How many of the last events are drawn by default. */
    public static final int DEFAULT_MAX_EVENTS = 5_000;

    private final List<TraceEvent> events;
    private final String hashHex;
    private final long total;
    private final String title;
    private final Throwable failure;
    private final String replay;
    private final int maxEvents;
    private final int[] choices;

    private Timeline(List<TraceEvent> events, String hashHex, long total, String title, Throwable failure,
            String replay, int maxEvents, int[] choices) {
        this.events = events;
        this.hashHex = hashHex;
        this.total = total;
        this.title = title;
        this.failure = failure;
        this.replay = replay;
        this.maxEvents = maxEvents;
        this.choices = choices;
    }

    /**
     * A timeline of {@code trace}'s retained events, with the trace's hash and its count of all
     * events ever appended.
     */
    public static Timeline of(Trace trace) {
        Objects.requireNonNull(trace, "trace");
        return new Timeline(trace.events(), trace.hashHex(), trace.count(), "Lockstep run", null, "",
                DEFAULT_MAX_EVENTS, null);
    }

    /**
     * A timeline of {@code events}. Its hash is folded from these events alone, so it equals the
     * run's trace hash when the list holds every event of the run.
     */
    public static Timeline of(List<TraceEvent> events) {
        List<TraceEvent> copy = List.copyOf(Objects.requireNonNull(events, "events"));
        long hash = Trace.EMPTY_HASH;
        for (TraceEvent e : copy) {
            hash = e.mix(hash);
        }
        return new Timeline(copy, String.format("%016x", hash), copy.size(), "Lockstep run", null, "",
                DEFAULT_MAX_EVENTS, null);
    }

    /** This timeline with the page title {@code title} (the scenario, the seed). */
    public Timeline title(String title) {
        return new Timeline(events, hashHex, total, Objects.requireNonNull(title, "title"), failure, replay,
                maxEvents, choices);
    }

    /** This timeline ending in {@code failure}, or in none when {@code null}. */
    public Timeline failure(Throwable failure) {
        return new Timeline(events, hashHex, total, title, failure, replay, maxEvents, choices);
    }

    /** This timeline with the run's replay string ({@code ""}: none). */
    public Timeline replay(String replay) {
        return new Timeline(events, hashHex, total, title, failure, Objects.requireNonNull(replay, "replay"),
                maxEvents, choices);
    }

    /**
     * This timeline with the run's recorded choices ({@code sim.choices().recorded()}), so that the
     * page marks the decisions the run took: every non-zero choice, at the schedule choice of the
     * trace it was, or after the last schedule choice drawn before it for the draws the trace does
     * not record (the run's own data, fault plans), and listed in the header. Without it only the
     * schedule choices of the trace with a non-zero value are marked.
     */
    public Timeline choices(int[] choices) {
        return new Timeline(events, hashHex, total, title, failure, replay, maxEvents,
                Objects.requireNonNull(choices, "choices").clone());
    }

    /**
     * This timeline drawing only the last {@code maxEvents} events.
     *
     * @throws IllegalArgumentException if {@code maxEvents < 1}
     */
    public Timeline maxEvents(int maxEvents) {
        if (maxEvents < 1) {
            throw new IllegalArgumentException("maxEvents must be >= 1, got " + maxEvents);
        }
        return new Timeline(events, hashHex, total, title, failure, replay, maxEvents, choices);
    }

    /** The page as one HTML document. */
    public String render() {
        String failureText = failure == null ? null : TimelinePage.failureText(failure);
        TimelineModel model = TimelineLayout.layout(events, maxEvents, failureText, failure, choices);
        return new TimelinePage(title, replay, hashHex, total, events.size(), model, failure).html();
    }

    /**
     * The run in the Chrome trace-event JSON format, for Perfetto UI or {@code chrome://tracing}:
     * tasks as threads grouped by host, polls as slices, wakes and messages as flow events,
     * faults and the failure as instant events, on the virtual-time axis (see
     * {@code TimelineTraceEvents} for the mapping). It holds every event of the trace, not only
     * the last {@link #maxEvents}, with the title, replay string and trace hash in
     * {@code otherData}.
     */
    public String traceEventJson() {
        String failureText = failure == null ? null : TimelinePage.failureText(failure);
        return new TimelineTraceEvents(events, title, replay, hashHex, failureText).json();
    }

    /**
     * Writes {@link #traceEventJson()} to {@code file} in UTF-8, creating its parent directories.
     *
     * @return {@code file}
     * @throws IOException if the file cannot be written
     */
    public Path writeTraceEventJson(Path file) throws IOException {
        return writeText(file, traceEventJson());
    }

    /**
     * Writes the page to {@code file} in UTF-8, creating its parent directories.
     *
     * @return {@code file}
     * @throws IOException if the file cannot be written
     */
    public Path write(Path file) throws IOException {
        return writeText(file, render());
    }

    private static Path writeText(Path file, String text) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    /**
     * The page for {@code events} ending in {@code failure}, as {@code of(events).title(title)
     * .failure(failure).replay(replay).render()}.
     *
     * @param failure the failure, or {@code null}
     * @param replay  the replay string, or {@code ""}
     */
    public static String render(List<TraceEvent> events, String title, Throwable failure, String replay) {
        return of(events).title(title).failure(failure).replay(replay).render();
    }

    /**
     * Writes the page for {@code events} to {@code file}, as {@code of(events).title(title)
     * .failure(failure).replay(replay).write(file)}.
     *
     * @throws IOException if the file cannot be written
     */
    public static Path write(Path file, List<TraceEvent> events, String title, Throwable failure, String replay)
            throws IOException {
        return of(events).title(title).failure(failure).replay(replay).write(file);
    }

    @Override
    public String toString() {
        return "Timeline[" + title + ", " + events.size() + " events, hash " + hashHex + "]";
    }
}
