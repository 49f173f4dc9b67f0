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

    /** A task was polled; {@code ready} is its result. */
    record Polled(long step, long nanos, int task, String name, boolean ready) implements TraceEvent {
        @Override
        public long mix(long h) {
            return TraceHash.mix(TraceHash.mix(h, 2, step, nanos), ready ? task : ~task);
        }

        @Override
        public String describe() {
            return "poll " + TraceHash.label(task, name) + " -> " + (ready ? "Ready" : "Pending");
        }
    }

    /**
     * A task was woken. {@code byTask} is the task that woke it ({@code -1} outside any task);
     * {@code source} says how: {@code "task"}, {@code "timer"}, {@code "io"}, {@code "fault"}.
     * {@code scheduled} is false when the wake found the task already scheduled or finished.
     */
    record Woken(long step, long nanos, int task, String name, int byTask, String source, boolean scheduled)
            implements TraceEvent {
        @Override
        public long mix(long h) {
            return TraceHash.mix(TraceHash.mix(TraceHash.mix(TraceHash.mix(h, 3, step, nanos), task), byTask),
                    source) * (scheduled ? 3 : 5);
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

    /** A nondeterministic decision: {@code value} drawn from {@code [0, bound)} for {@code what}. */
    record Choice(long step, long nanos, String what, int bound, int value) implements TraceEvent {
        @Override
        public long mix(long h) {
            return TraceHash.mix(TraceHash.mix(TraceHash.mix(h, 5, step, nanos), what), ((long) bound << 32) | value);
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
            return TraceHash.mix(TraceHash.mix(TraceHash.mix(h, 10, step, nanos), task), text);
        }

        @Override
        public String describe() {
            return "note " + TraceHash.label(task, name) + " " + text;
        }
    }
}
