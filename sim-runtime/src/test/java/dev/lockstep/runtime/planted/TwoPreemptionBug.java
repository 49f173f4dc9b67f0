package dev.lockstep.runtime.planted;

import dev.lockstep.fault.FaultPlan;
import dev.lockstep.future.Context;
import dev.lockstep.future.Future;
import dev.lockstep.future.Futures;
import dev.lockstep.future.JoinHandle;
import dev.lockstep.future.Poll;
import dev.lockstep.future.Waker;
import dev.lockstep.runtime.Simulation;
import dev.lockstep.schedule.Scheduler;
import java.util.ArrayList;
import java.util.List;

/**
 * A journal whose flusher seals the buffer, writes it out in chunks and then moves it to disk,
 * while an appender checks that the journal is not sealed and appends one step later. The record
 * is lost only if the appender checks before the seal and appends after the whole flush: the
 * flusher must be switched out between opening and sealing (first preemption), and the appender
 * between its check and its append (second preemption), with the flusher then running its seal
 * and every chunk uninterrupted. Uniform random rarely keeps the flusher running that long; PCT
 * does it by construction. The fixed twin checks and appends in the same poll.
 */
public final class TwoPreemptionBug implements PlantedBug {
    /** Steps of unrelated work the flusher does before sealing. */
    static final int WORK = 6;
    /** Chunks the flusher writes between sealing and moving the buffer to disk. */
    static final int CHUNKS = 6;
    /** Steps the appender prepares before checking. */
    static final int PREP = 2;
    /** Scheduling decisions in a typical run, for PCT. */
    public static final int ESTIMATED_DECISIONS = WORK + CHUNKS + PREP + 6;

    static final class Journal {
        final List<String> buffer = new ArrayList<>();
        final List<String> disk = new ArrayList<>();
        boolean open;
        boolean sealed;
        Waker openWaiter;
    }

    static final class Flusher implements Future<Void> {
        private final Journal journal;
        private int step;

        Flusher(Journal journal) {
            this.journal = journal;
        }

        @Override
        public Poll<Void> poll(Context cx) {
            int s = step++;
            if (s == 0) {
                journal.open = true;
                if (journal.openWaiter != null) {
                    journal.openWaiter.wake();
                }
            } else if (s == WORK + 1) {
                journal.sealed = true;
            } else if (s == WORK + CHUNKS + 2) {
                journal.disk.addAll(journal.buffer);
                journal.buffer.clear();
                return Poll.ready(null);
            }
            cx.waker().wakeByRef();
            return Poll.pending();
        }
    }

    static final class Appender implements Future<Void> {
        private final Journal journal;
        private final boolean fixed;
        private int prepared;
        private boolean checked;

        Appender(Journal journal, boolean fixed) {
            this.journal = journal;
            this.fixed = fixed;
        }

        @Override
        public Poll<Void> poll(Context cx) {
            if (!journal.open) {
                journal.openWaiter = cx.waker();
                return Poll.pending();
            }
            if (prepared < PREP) {
                prepared++;
            } else if (!checked) {
                checked = true;
                if (!fixed && journal.sealed) {
                    journal.disk.add("record");
                    return Poll.ready(null);
                }
            } else {
                if (fixed && journal.sealed) {
                    journal.disk.add("record");
                } else {
                    journal.buffer.add("record");
                }
                return Poll.ready(null);
            }
            cx.waker().wakeByRef();
            return Poll.pending();
        }
    }

    @Override
    public String name() {
        return "order bug, 2 preemptions";
    }

    @Override
    public void run(Simulation sim, boolean fixed) {
        Journal journal = new Journal();
        JoinHandle<Void> flusher = sim.spawn("flusher", new Flusher(journal));
        JoinHandle<Void> appender = sim.spawn("appender", new Appender(journal, fixed));
        sim.blockOn(Futures.join(flusher, appender));
        if (!journal.disk.contains("record")) {
            throw new AssertionError("record lost: appended to " + journal.buffer
                    + " after the journal was sealed and flushed");
        }
    }

    @Override
    public FaultPlan plan() {
        return FaultPlan.none();
    }

    @Override
    public Scheduler scheduler() {
        return Scheduler.pct(3, ESTIMATED_DECISIONS);
    }

    @Override
    public boolean shows(Throwable failure) {
        return failure instanceof AssertionError a && a.getMessage().startsWith("record lost");
    }
}
