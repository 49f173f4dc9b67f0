package dev.lockstep.timeline;

import dev.lockstep.future.Context;
import dev.lockstep.future.Future;
import dev.lockstep.future.Poll;
import dev.lockstep.future.RuntimeHandle;
import dev.lockstep.future.Waker;
import dev.lockstep.runtime.Simulation;
import dev.lockstep.time.Sleep;
import dev.lockstep.trace.Trace;
import dev.lockstep.trace.TraceEvent;
import java.time.Duration;

/**
 * A small failing run for timeline tests: three tasks, two of them on hosts {@code db-1} and
 * {@code db-2}, timers, task-to-task and timer wakes, network events written into the trace by
 * hand (two delivered messages, one dropped, one partition), an injected fault, a note, and a
 * third task on no host that throws.
 *
 * <p>Names and texts carry markup on purpose: the third task is named {@link #HOSTILE_TASK},
 * the note is {@link #HOSTILE_NOTE}, the failure message contains {@code <b>}.
 */
final class TimelineSampleRun {
    /** The name of the task on no host: an HTML injection attempt. */
    static final String HOSTILE_TASK = "<img src=x onerror=alert(1)>";
    /** The follower's note: tries to end the data script element. */
    static final String HOSTILE_NOTE = "</script><script>alert(2)</script>";

    /** What the run left: its trace, the failure it ended with, and its replay string. */
    record Result(Trace trace, RuntimeException failure, String replay) {}

    private TimelineSampleRun() {}

    /** Runs the sample with seed 11 and every trace event retained. */
    static Result run() {
        Simulation sim = Simulation.builder().seed(11).traceCapacity(Integer.MAX_VALUE).build();
        Mailbox box = new Mailbox();
        sim.spawnOnHost("db-1", "leader", new Leader(box));
        sim.spawnOnHost("db-2", "follower", new Follower(box));
        sim.spawn(HOSTILE_TASK, cx -> {
            throw new IllegalStateException("acknowledged write lost: <b>x=1</b> & </pre>");
        });
        try {
            sim.blockOn(Sleep.of(Duration.ofMillis(50)));
        } catch (RuntimeException e) {
            return new Result(sim.trace(), e, sim.replayString());
        }
        throw new AssertionError("the sample run was meant to fail");
    }

    private static void net(Context cx, String from, String to, String kind, int bytes, String detail) {
        RuntimeHandle rt = cx.runtime();
        rt.trace(new TraceEvent.Net(rt.step(), rt.nanos(), from, to, kind, bytes, detail));
    }

    /** One slot and the waker of whoever waits for it. */
    private static final class Mailbox {
        String item;
        Waker waiter;

        void put(String value) {
            item = value;
            if (waiter != null) {
                Waker w = waiter;
                waiter = null;
                w.wake();
            }
        }
    }

    /** Sleeps, sends "x=1" to the follower, sleeps, sends again into a partition. */
    private static final class Leader implements Future<Void> {
        private final Mailbox box;
        private int state;
        private Sleep sleep = Sleep.of(Duration.ofMillis(5));

        Leader(Mailbox box) {
            this.box = box;
        }

        @Override
        public Poll<Void> poll(Context cx) {
            if (state == 0) {
                if (sleep.poll(cx).isPending()) {
                    return Poll.pending();
                }
                net(cx, "db-1", "db-2", "send", 512, "conn db-1:1->db-2:80");
                box.put("x=1");
                state = 1;
                sleep = Sleep.of(Duration.ofMillis(5));
            }
            if (sleep.poll(cx).isPending()) {
                return Poll.pending();
            }
            RuntimeHandle rt = cx.runtime();
            net(cx, "db-1", "db-2", "partition", 0, "two-way");
            net(cx, "db-1", "db-2", "send", 64, "conn db-1:1->db-2:80");
            net(cx, "db-1", "db-2", "drop", 64, "conn db-1:1->db-2:80: partition");
            rt.trace(new TraceEvent.Fault(rt.step(), rt.nanos(), rt.currentTaskId(), rt.currentTaskName(),
                    "duplicate-wake", "by the fault plan"));
            return Poll.ready(null);
        }
    }

    /** Waits for the mailbox, records the delivery and a note, and replies. */
    private static final class Follower implements Future<Void> {
        private final Mailbox box;

        Follower(Mailbox box) {
            this.box = box;
        }

        @Override
        public Poll<Void> poll(Context cx) {
            if (box.item == null) {
                box.waiter = cx.waker();
                return Poll.pending();
            }
            RuntimeHandle rt = cx.runtime();
            net(cx, "db-1", "db-2", "deliver", 512, "conn db-1:1->db-2:80");
            rt.trace(new TraceEvent.Note(rt.step(), rt.nanos(), rt.currentTaskId(), rt.currentTaskName(),
                    HOSTILE_NOTE));
            net(cx, "db-2", "db-1", "send", 16, "conn db-2:80->db-1:1");
            net(cx, "db-2", "db-1", "deliver", 16, "conn db-2:80->db-1:1");
            return Poll.ready(null);
        }
    }
}
