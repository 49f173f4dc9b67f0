package dev.lockstep.contract;

import dev.lockstep.trace.Trace;
import dev.lockstep.trace.TraceEvent;
import java.util.List;

/**
 * Reads a finished run's trace for two behaviours of the future's task that no exception shows:
 * completing in a poll nobody asked for, and waking itself over and over.
 *
 * <h2>Unprompted polls</h2>
 * A poll of the task is <em>unprompted</em> when it follows a {@code spurious-poll} fault on it, or
 * a wake delivered by the executor that no event caused (the second delivery of a
 * {@code duplicate-wake}). A wake that a {@code delay-wake} held back was caused by an event, so
 * its delivery is not unprompted. Completing in an unprompted poll is a violation only if
 * <em>nothing happened</em> since the task's last {@code Pending}: no other task (apart from the
 * checker's root) was polled or ended, no timer fired, the clock did not move, no network event,
 * no real wake (also none held back, none sent to a stale waker). Then the state the future
 * depends on cannot have changed, so it completed because it was polled.
 *
 * <h2>Self-wakes</h2>
 * A streak counts consecutive {@code Pending} polls of the task in each of which it woke itself,
 * with no timer firing, clock movement or network event in between.
 *
 * <h2>Truncated traces</h2>
 * If the trace dropped its oldest events, the reading starts as if something had just happened,
 * so a truncated trace can hide an unprompted completion but never invent one.
 */
final class SubjectTrace {
    private final int subject;
    private int root = Integer.MIN_VALUE;
    /** Something happened since the task's last Pending. */
    private boolean changed;
    /** A spurious-poll fault on the task was recorded; its wake comes next. */
    private boolean spuriousWakeNext;
    /** Wakes of the task held back by delay-wake and not delivered yet. */
    private int heldRealWakes;
    /** The next poll of the task is unprompted. */
    private boolean unprompted;
    /** The task woke itself since the last poll of any task. */
    private boolean selfWoken;
    private int streak;

    /** The first unprompted completion with nothing changed, or null. */
    private String unpromptedCompletion;
    /** The step of the first unprompted poll of the task, or -1. */
    private long firstUnpromptedStep = -1;
    /** The step of the last wake of the task through a stale waker (ignored), or -1. */
    private long staleWakeStep = -1;
    private int longestStreak;
    private long longestStreakEndStep = -1;
    private long longestStreakNanos;
    /** Timers the task set, and the last thing that happened to one of them. */
    private int timersSet;
    private String lastTimerEnd = "";
    /** The step of the task's last poll if nothing prompted it (a spurious poll, a duplicate), else -1. */
    private long lastPollUnprompted = -1;

    SubjectTrace(Trace trace, int subject) {
        this.subject = subject;
        this.changed = trace.truncated();
        // Read with every wake in its place, as an event of its own (a poll's event carries its wake).
        List<TraceEvent> events = Trace.unfoldWakes(trace.events());
        for (TraceEvent e : events) {
            read(e);
        }
    }

    /** What the unprompted completion was, or {@code null} if there was none. */
    String unpromptedCompletion() {
        return unpromptedCompletion;
    }

    /** The step of the first poll of the task that nothing prompted, or -1. */
    /**
     * How the task's timers ended when none of them is pending: its last timer was cancelled, or
     * fired and was not set again; empty if it set none, or set one after the last one ended.
     */
    String disarmedTimer() {
        return timersSet == 0 ? "" : lastTimerEnd;
    }

    /** The step of the task's last poll if nobody woke it for that poll, else -1. */
    long lastPollUnprompted() {
        return lastPollUnprompted;
    }

    long firstUnpromptedStep() {
        return firstUnpromptedStep;
    }

    /** The step of the last wake of the task through a waker of an earlier poll (ignored), or -1. */
    long staleWakeStep() {
        return staleWakeStep;
    }

    /** The most consecutive self-woken {@code Pending} polls of the task. */
    int longestStreak() {
        return longestStreak;
    }

    /** Where the longest streak ended: {@code "step 1042, t=0.000s"}. */
    String longestStreakEnd() {
        return "step " + longestStreakEndStep + ", t=" + Witness.time(longestStreakNanos);
    }

    /** Consecutive self-woken {@code Pending} polls of the task at the end of the trace. */
    int finalStreak() {
        return streak;
    }

    private void read(TraceEvent event) {
        switch (event) {
            case TraceEvent.Spawned s -> {
                if (s.parent() == -1 && root == Integer.MIN_VALUE) {
                    root = s.task(); // blockOn's task: the checker's own, it only awaits the handle
                }
            }
            case TraceEvent.Polled p -> {
                if (p.task() == subject) {
                    polledSubject(p);
                } else if (p.task() != root) {
                    changed = true;
                }
                selfWoken = false;
            }
            case TraceEvent.Woken w -> {
                if (w.task() == subject) {
                    wokenSubject(w);
                }
            }
            case TraceEvent.Fault f -> {
                if (f.task() == subject) {
                    switch (f.kind()) {
                        case "spurious-poll" -> spuriousWakeNext = true;
                        case "delay-wake" -> heldRealWakes++;
                        case "stale-waker" -> {
                            changed = true;
                            staleWakeStep = f.step();
                        }
                        default -> { }
                    }
                }
            }
            case TraceEvent.Completed c -> {
                if (c.task() != subject && c.task() != root) {
                    changed = true;
                }
            }
            case TraceEvent.Timer t -> {
                if (t.action() == TraceEvent.TimerAction.FIRED) {
                    progressed();
                }
                if (t.task() == subject) {
                    switch (t.action()) {
                        case SET -> {
                            timersSet++;
                            lastTimerEnd = "";
                        }
                        case CANCELLED -> lastTimerEnd = "its timer for t=" + Witness.time(t.deadline())
                                + " was cancelled at step " + t.step();
                        case FIRED -> lastTimerEnd = "its timer for t=" + Witness.time(t.deadline())
                                + " fired at step " + t.step() + " and no new one was set";
                    }
                }
            }
            case TraceEvent.ClockAdvanced c -> progressed();
            case TraceEvent.Net n -> progressed();
            case TraceEvent.Choice c -> { }
            case TraceEvent.Note n -> { }
        }
    }

    private void progressed() {
        changed = true;
        streak = 0;
    }

    private void wokenSubject(TraceEvent.Woken w) {
        if (!w.source().equals("fault")) {
            changed = true;
            if (w.byTask() == subject) {
                selfWoken = true;
            }
        } else if (spuriousWakeNext) {
            spuriousWakeNext = false;
            unprompted = true;
        } else if (heldRealWakes > 0) {
            heldRealWakes--;
            changed = true;
        } else {
            unprompted = true; // the second delivery of a duplicated wake
        }
    }

    private void polledSubject(TraceEvent.Polled p) {
        lastPollUnprompted = unprompted ? p.step() : -1;
        if (unprompted && firstUnpromptedStep < 0) {
            firstUnpromptedStep = p.step();
        }
        if (p.ready()) {
            if (unprompted && !changed && heldRealWakes == 0 && unpromptedCompletion == null) {
                unpromptedCompletion = "in the poll at step " + p.step() + " (t=" + Witness.time(p.nanos())
                        + "), which nothing prompted: it was polled without a wake, and since its last Pending no"
                        + " other task had run, no timer had fired and the clock had not moved";
            }
        } else {
            streak = selfWoken ? streak + 1 : 0;
            if (streak > longestStreak) {
                longestStreak = streak;
                longestStreakEndStep = p.step();
                longestStreakNanos = p.nanos();
            }
            changed = false;
        }
        unprompted = false;
    }
}
