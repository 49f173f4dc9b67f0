package dev.lockstep.trace;

import java.util.Objects;

/**
 * One thing that happened in a run: a decision, a poll and its result, a wake, a timer, an I/O
 * event, an injected fault.
 *
 * <p>Every event carries the {@code step} (polls made before it) and the virtual time in
 * {@code nanos}. Task events carry the task's id and name. Events are values: two runs of the
 * same choices produce equal event sequences, and {@link #mix(long)} folds an event into the run's
 * 64-bit trace hash without touching identity hash codes.
 */
public sealed interface TraceEvent {

    /** Polls made before this event. */
    long step();

    /** Virtual time of this event, in nanoseconds. */
    long nanos();

    /** {@code hash} with this event folded in. */
    long mix(long hash);

    /** A short human-readable line, without step and time. */
    String describe();

    /** How a task ended. */
    enum Outcome {
        /** Completed with a value. */
        OK,
        /** Threw from {@code poll}. */
        FAILED,
        /** Aborted or cancelled before completion. */
        ABORTED
    }

    /** What happened to a timer. */
    enum TimerAction {
        /** Registered. */
        SET,
        /** Reached its deadline and woke its waker or ran its action. */
        FIRED,
        /** Removed before its deadline. */
        CANCELLED
    }

    /**
     * A task was started by {@code parent} ({@code -1} when started by {@code blockOn}, {@code -2}
     * from outside any task) on {@code host} (empty when the run has no hosts).
     */
    record Spawned(long step, long nanos, int task, String name, int parent, String host) implements TraceEvent {
        public Spawned {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(host, "host");
        }

        @Override
        public long mix(long h) {
            return TraceHash.mix(TraceHash.mix(TraceHash.mix(TraceHash.mix(TraceHash.mix(h, 1, step, nanos), task),
                    name), parent), host);
        }

        @Override
        public String describe() {
            return "spawn " + TraceHash.label(task, name) + (host.isEmpty() ? "" : " on " + host)
                    + (parent >= 0 ? " by #" + parent : "");
        }
    }

    /**
     * A task was polled; {@code ready} is its result.
     *
     * <h2>The wake it carries</h2>
     * The wake that scheduled the waiting task is not traced as an event of its own: the poll it
     * caused carries it, so a hand-off (one task wakes another, which is polled) is one event. (A
     * task's wake of itself during a poll is a {@link Woken} event of that poll.)
     * {@code wokenSource} says how the task was woken, as {@link Woken#source()} does ({@code "task"},
     * {@code "timer"}, {@code "event"}, {@code "join"}, {@code "external"}, {@code "fault"}), and is
     * empty when no wake is carried: the task's first poll after its spawn, or a poll whose wake
     * was already traced as a {@link Woken} event. {@code wokenBy} is the task that woke it
     * ({@code -1} outside any task, and when {@code wokenSource} is empty). {@code wakeLag} is how
     * many events were traced between the wake and this one: in a list of events, the wake
     * happened just before the event {@code wakeLag} places before this one.
     */
    record Polled(long step, long nanos, int task, String name, boolean ready, int wokenBy, String wokenSource,
            long wakeLag) implements TraceEvent {
        public Polled {
            Objects.requireNonNull(wokenSource, "wokenSource");
            if (wakeLag < 0) {
                throw new IllegalArgumentException("wakeLag must be >= 0, got " + wakeLag);
            }
            if (wokenSource.isEmpty() && (wokenBy != -1 || wakeLag != 0)) {
                throw new IllegalArgumentException("a poll that carries no wake has wokenBy -1 and wakeLag 0, got "
                        + wokenBy + " and " + wakeLag);
            }
        }

        /** A poll that carries no wake (its first after the spawn, or its wake was traced apart). */
        public Polled(long step, long nanos, int task, String name, boolean ready) {
            this(step, nanos, task, name, ready, -1, "", 0);
        }

        /** Whether this poll carries the wake that caused it. */
        public boolean woken() {
            return !wokenSource.isEmpty();
        }

        @Override
        public long mix(long h) {
            // Three words, each computed apart from the hash so far (the multiplies of one run in
            // parallel), then folded in three dependent steps: the cost of a hand-off's hash.
            long when = step * TraceHash.STEP_WEIGHT ^ nanos;
            long who = ((long) (ready ? task : ~task) << 32) | (wokenBy & 0xFFFFFFFFL);
            long how = TraceHash.word(wokenSource) * TraceHash.WORD_WEIGHT + wakeLag;
            return TraceHash.mix(TraceHash.mix(TraceHash.mix(h, when ^ TraceHash.POLLED_TAG), who), how);
        }

        @Override
        public String describe() {
            String poll = "poll " + TraceHash.label(task, name) + " -> " + (ready ? "Ready" : "Pending");
            return woken() ? poll + " (woken by " + (wokenBy >= 0 ? "#" + wokenBy : wokenSource) + ")" : poll;
        }
    }

    /**
     * A task was woken, traced as an event of its own because no poll carries it (see
     * {@link Polled}): the wake had no effect ({@code scheduled} false: the task was already
     * scheduled, or finished), the task woke itself during its poll, or no poll of the task
     * followed the wake (the task ended first, or {@code blockOn} or {@code advance} returned with
     * the task still runnable). {@code byTask} is the task that woke
     * it ({@code -1} outside any task); {@code source} says how: {@code "task"}, {@code "timer"},
     * {@code "event"}, {@code "join"}, {@code "external"}, {@code "fault"}.
     */
    record Woken(long step, long nanos, int task, String name, int byTask, String source, boolean scheduled)
            implements TraceEvent {
        public Woken {
            Objects.requireNonNull(source, "source");
        }

        @Override
        public long mix(long h) {
            return TraceHash.mix(TraceHash.mix(TraceHash.mix(TraceHash.mix(h, 3, step, nanos), task), byTask),
                    TraceHash.word(source)) * (scheduled ? 3 : 5);
        }

        @Override
        public String describe() {
            return "wake " + TraceHash.label(task, name) + " by " + (byTask >= 0 ? "#" + byTask : source)
                    + (scheduled ? "" : " (no effect)");
        }
    }

    /** A task ended. {@code detail} is the exception for {@code FAILED}, else empty. */
    record Completed(long step, long nanos, int task, String name, Outcome outcome, String detail)
            implements TraceEvent {
        public Completed {
            Objects.requireNonNull(outcome, "outcome");
            Objects.requireNonNull(detail, "detail");
        }

        @Override
        public long mix(long h) {
            return TraceHash.mix(TraceHash.mix(TraceHash.mix(h, 4, step, nanos), task), outcome.ordinal());
        }

        @Override
        public String describe() {
            return "end " + TraceHash.label(task, name) + " " + outcome + (detail.isEmpty() ? "" : ": " + detail);
        }
    }

    /**
     * A nondeterministic decision: {@code value} drawn from {@code [0, bound)} for {@code what}, a
     * fixed word ({@code "schedule"}, {@code "pct"}, {@code "dfs"}).
     */
    record Choice(long step, long nanos, String what, int bound, int value) implements TraceEvent {
        public Choice {
            Objects.requireNonNull(what, "what");
        }

        @Override
        public long mix(long h) {
            // Traced at most once per poll: two words computed apart from the hash, two dependent steps.
            long when = step * TraceHash.STEP_WEIGHT ^ nanos;
            long which = TraceHash.word(what) * TraceHash.WORD_WEIGHT + (((long) bound << 32) | (value & 0xFFFFFFFFL));
            return TraceHash.mix(TraceHash.mix(h, when ^ TraceHash.CHOICE_TAG), which);
        }

        @Override
        public String describe() {
            return "choose " + what + ": " + value + " of " + bound;
        }
    }

    /** A timer was set, fired or cancelled, by or for {@code task} ({@code -1}: not a task's). */
    record Timer(long step, long nanos, int task, String name, TimerAction action, long deadline)
            implements TraceEvent {
        @Override
        public long mix(long h) {
            return TraceHash.mix(TraceHash.mix(TraceHash.mix(h, 6, step, nanos), task), action.ordinal() * 31L + deadline);
        }

        @Override
        public String describe() {
            return "timer " + action.name().toLowerCase(java.util.Locale.ROOT) + " " + TraceHash.label(task, name)
                    + " @" + TraceHash.time(deadline);
        }
    }

    /** The virtual clock jumped from {@code fromNanos} to {@code nanos} because nothing was runnable. */
    record ClockAdvanced(long step, long nanos, long fromNanos) implements TraceEvent {
        @Override
        public long mix(long h) {
            return TraceHash.mix(TraceHash.mix(h, 7, step, nanos), fromNanos);
        }

        @Override
        public String describe() {
            return "clock " + TraceHash.time(fromNanos) + " -> " + TraceHash.time(nanos);
        }
    }

    /**
     * A network event between hosts: {@code kind} is for example {@code send}, {@code deliver},
     * {@code drop}, {@code duplicate}, {@code reset}, {@code partition}, {@code crash};
     * {@code bytes} is the payload size (0 when none).
     */
    record Net(long step, long nanos, String host, String peer, String kind, int bytes, String detail)
            implements TraceEvent {
        public Net {
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(peer, "peer");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(detail, "detail");
        }

        @Override
        public long mix(long h) {
            return TraceHash.mix(TraceHash.mix(TraceHash.mix(TraceHash.mix(TraceHash.mix(h, 8, step, nanos), host),
                    peer), kind), bytes);
        }

        @Override
        public String describe() {
            return "net " + kind + " " + host + (peer.isEmpty() ? "" : " -> " + peer) + (bytes > 0 ? " " + bytes + "B" : "")
                    + (detail.isEmpty() ? "" : " " + detail);
        }
    }

    /** A fault the harness injected into {@code task} ({@code -1}: not a task's). */
    record Fault(long step, long nanos, int task, String name, String kind, String detail) implements TraceEvent {
        public Fault {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(detail, "detail");
        }

        @Override
        public long mix(long h) {
            return TraceHash.mix(TraceHash.mix(TraceHash.mix(h, 9, step, nanos), task), kind);
        }

        @Override
        public String describe() {
            return "fault " + kind + " " + TraceHash.label(task, name) + (detail.isEmpty() ? "" : " " + detail);
        }
    }

    /** A free-form note from user code or a library ({@code task} {@code -1} outside tasks). */
    record Note(long step, long nanos, int task, String name, String text) implements TraceEvent {
        public Note {
            Objects.requireNonNull(text, "text");
        }

        @Override
        public long mix(long h) {
            return TraceHash.mix(TraceHash.mix(TraceHash.mix(h, 10, step, nanos), task), TraceHash.word(text));
        }

        @Override
        public String describe() {
            return "note " + TraceHash.label(task, name) + " " + text;
        }
    }
}
