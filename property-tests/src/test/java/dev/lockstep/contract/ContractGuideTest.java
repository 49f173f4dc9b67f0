package dev.lockstep.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.future.Cancellable;
import dev.lockstep.future.Context;
import dev.lockstep.future.Future;
import dev.lockstep.future.Poll;
import dev.lockstep.future.Waker;
import dev.lockstep.time.Sleep;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The example of docs/third-party.md, "Checking a future's contract": it compiles and behaves as the guide says. */
class ContractGuideTest {
    /** A library's job queue, written without Lockstep: workers wait for jobs with a hand-written future. */
    static final class JobQueue {
        private final ArrayDeque<String> jobs = new ArrayDeque<>();
        private final List<Waker> idle = new ArrayList<>(); // workers waiting for a job

        void submit(String job) {
            jobs.add(job);
            if (!idle.isEmpty()) {
                idle.remove(0).wake();
            }
        }

        Future<String> take() {
            return cx -> {
                String job = jobs.poll();
                if (job != null) {
                    return Poll.ready(job);
                }
                idle.add(cx.waker());
                return Poll.pending();
            };
        }
    }

    /** The same queue, fixed: one entry per waiting take, holding its latest waker, removed on cancel. */
    static final class FixedJobQueue {
        private final ArrayDeque<String> jobs = new ArrayDeque<>();
        private final ArrayDeque<Take> idle = new ArrayDeque<>();

        void submit(String job) {
            jobs.add(job);
            Take next = idle.poll();
            if (next != null) {
                next.waker.wake();
            }
        }

        Future<String> take() {
            return new Take();
        }

        final class Take implements Future<String>, Cancellable {
            private Waker waker;

            @Override
            public Poll<String> poll(Context cx) {
                String job = jobs.poll();
                if (job != null) {
                    idle.remove(this);
                    return Poll.ready(job);
                }
                waker = cx.waker();              // the latest waker, on every Pending
                if (!idle.contains(this)) {
                    idle.add(this);
                }
                return Poll.pending();
            }

            @Override
            public void cancel() {
                idle.remove(this);               // a cancelled take must not swallow the next job's wake
            }
        }
    }

    @Test
    void theGuidesQueueBreaksTheContractTwice() {
        AssertionError e = assertThrows(AssertionError.class, () -> FutureContract.of(sim -> {
            JobQueue queue = new JobQueue();
            sim.spawn("producer", Sleep.of(Duration.ofMillis(5)).map(v -> {
                queue.submit("resize-image");
                return v;
            }));
            return queue.take();
        }).name("take").expect("resize-image").assertHolds());
        String report = e.getMessage();
        assertTrue(report.startsWith("Contract of future 'take': BROKEN (2 kinds of violation"), report);
        assertTrue(report.contains("\nLEAKED_REGISTRATION: found under faults[none] in run 0 (cancelled mid-flight),"
                + " shrunk from 4 choices to 1\n"), report);
        assertTrue(report.contains("      - its waker is still held at task 'producer'#0 future.fn.<captured 1>.idle[0]\n"),
                report);
        assertTrue(report.contains("\nSTALE_WAKER: found under faults[spurious-poll=0.3, fresh-waker=0.5] in run 0"),
                report);
    }

    @Test
    void theFixedQueueKeepsIt() {
        ContractReport report = FutureContract.of(sim -> {
            FixedJobQueue queue = new FixedJobQueue();
            sim.spawn("producer", Sleep.of(Duration.ofMillis(5)).map(v -> {
                queue.submit("resize-image");
                return v;
            }));
            return queue.take();
        }).name("take").expect("resize-image").assertHolds();
        assertEquals(2_000, report.runs());
    }
}
