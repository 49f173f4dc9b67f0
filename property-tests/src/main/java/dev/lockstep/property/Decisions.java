package dev.lockstep.property;

import dev.lockstep.trace.Trace;
import dev.lockstep.trace.TraceEvent;
import dev.lockstep.trace.TraceHash;
import java.util.ArrayList;
import java.util.List;

/**
 * The decisions of a shrunk run, in words: what a report lists before the trace's tail.
 *
 * <h2>What is a decision</h2>
 * After shrinking, every choice that is not the plain outcome is one the failure needs. The ones
 * the trace shows are listed: a {@code schedule} choice other than 0 (a task polled before an
 * older runnable one), and every injected fault (a spurious poll, a held or duplicated wake, a
 * fresh waker, a move, a PCT preemption, a buggify site, a network fault). The test's own data
 * draws are not traced; they are in the replay string.
 *
 * <h2>Bound</h2>
 * At most {@value #MAX_DECISIONS} decisions, each with the {@value #CONTEXT} trace events before
 * and after it, and each line cut at {@value #MAX_LINE} characters: the list stays a few KB
 * whatever the run's length.
 *
 * @param lines the decisions and their context, ready to print; empty when the run needs none
 * @param count how many decisions the run had in all (more than listed if over the bound)
 */
record Decisions(List<String> lines, int count) {
    static final int MAX_DECISIONS = 12;
    static final int CONTEXT = 2;
    static final int MAX_LINE = 200;

    Decisions {
        lines = List.copyOf(lines);
    }

    static Decisions none() {
        return new Decisions(List.of(), 0);
    }

    /** The decisions found in {@code events}, the whole (or retained) trace of the shrunk run. */
    static Decisions of(List<TraceEvent> events) {
        List<String> lines = new ArrayList<>();
        int count = 0;
        int shownUpTo = -1;
        for (int i = 0; i < events.size(); i++) {
            String words = words(events, i);
            if (words == null) {
                continue;
            }
            count++;
            if (count > MAX_DECISIONS) {
                continue;
            }
            lines.add(cut(count + ". " + words));
            for (int k = Math.max(shownUpTo + 1, i - CONTEXT); k <= Math.min(events.size() - 1, i + CONTEXT); k++) {
                lines.add(cut((k == i ? "     > " : "       ") + Trace.line(events.get(k))));
                shownUpTo = k;
            }
        }
        if (count > MAX_DECISIONS) {
            lines.add("(" + (count - MAX_DECISIONS) + " more decisions; the timeline and the replay show them all)");
        }
        return new Decisions(lines, count);
    }

    /** The decision at {@code events[i]} in words, or {@code null} if that event is not one. */
    static String words(List<TraceEvent> events, int i) {
        TraceEvent e = events.get(i);
        String at = "step " + e.step() + ", t=" + TraceHash.time(e.nanos()) + ": ";
        if (e instanceof TraceEvent.Choice c && c.what().equals("schedule") && c.value() != 0) {
            String polled = "a task";
            for (int k = i + 1; k < events.size() && k <= i + 8; k++) {
                if (events.get(k) instanceof TraceEvent.Polled p) {
                    polled = TraceHash.label(p.task(), p.name());
                    break;
                }
            }
            return at + "polled " + polled + " before " + (c.value() == 1 ? "the oldest runnable task"
                    : c.value() + " older runnable tasks") + " (choice " + c.value() + " of " + c.bound() + ")";
        }
        if (e instanceof TraceEvent.Fault f && !f.kind().equals("swarm-plan")) {
            return at + f.kind() + " fault on " + TraceHash.label(f.task(), f.name())
                    + (f.detail().isEmpty() ? "" : ": " + f.detail());
        }
        return null;
    }

    private static String cut(String s) {
        return s.length() <= MAX_LINE ? s : s.substring(0, MAX_LINE - 3) + "...";
    }
}
