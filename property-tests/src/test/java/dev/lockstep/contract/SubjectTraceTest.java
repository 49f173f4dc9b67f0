package dev.lockstep.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.trace.Trace;
import dev.lockstep.trace.TraceEvent;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The trace reading behind SPURIOUS_WAKEUP_INTOLERANT and BUSY_WAKE, on hand-made traces: task 0 is
 * the future's, task 1 the checker's root (blockOn's), task 2 another task.
 */
class SubjectTraceTest {
    static final int SUBJECT = 0;
    static final int ROOT = 1;
    static final int OTHER = 2;

    /** Builds a trace: both tasks spawned, the future polled once (Pending). */
    static final class Events {
        final Trace trace = new Trace(1_000);
        long step;

        Events() {
            trace.add(new TraceEvent.Spawned(0, 0, SUBJECT, "subject", -2, ""));
            trace.add(new TraceEvent.Spawned(0, 0, ROOT, "main", -1, ""));
            poll(SUBJECT, false);
        }

        Events poll(int task, boolean ready) {
            trace.add(new TraceEvent.Polled(step++, 0, task, task == SUBJECT ? "subject" : "t" + task, ready));
            return this;
        }

        Events wake(int task, int by, String source) {
            trace.add(new TraceEvent.Woken(step, 0, task, "subject", by, source, true));
            return this;
        }

        Events fault(String kind) {
            trace.add(new TraceEvent.Fault(step, 0, SUBJECT, "subject", kind, ""));
            return this;
        }

        Events spuriousPoll() {
            return fault("spurious-poll").wake(SUBJECT, -1, "fault");
        }

        SubjectTrace read() {
            return new SubjectTrace(trace, SUBJECT);
        }
    }

    @Nested
    class ACompletionInAnUnpromptedPoll {
        @Test
        void withNothingHappeningSinceTheLastPendingIsFlagged() {
            SubjectTrace t = new Events().poll(ROOT, false).spuriousPoll().poll(SUBJECT, true).read();
            assertNotNull(t.unpromptedCompletion());
            assertTrue(t.unpromptedCompletion().startsWith("in the poll at step 2 (t=0.000s), which nothing prompted"),
                    t.unpromptedCompletion());
            assertEquals(2, t.firstUnpromptedStep());
        }

        @Test
        void afterTheSecondDeliveryOfADuplicatedWakeIsFlagged() {
            SubjectTrace t = new Events().wake(SUBJECT, -1, "fault").poll(SUBJECT, true).read();
            assertNotNull(t.unpromptedCompletion());
        }

        @Test
        void afterAnotherTaskRanIsNotFlagged() {
            assertNull(new Events().poll(OTHER, false).spuriousPoll().poll(SUBJECT, true).read().unpromptedCompletion());
        }

        @Test
        void afterATimerFiredOrTheClockMovedIsNotFlagged() {
            Events timer = new Events();
            timer.trace.add(new TraceEvent.Timer(1, 0, OTHER, "t2", TraceEvent.TimerAction.FIRED, 0));
            assertNull(timer.spuriousPoll().poll(SUBJECT, true).read().unpromptedCompletion());
            Events clock = new Events();
            clock.trace.add(new TraceEvent.ClockAdvanced(1, 5, 0));
            assertNull(clock.spuriousPoll().poll(SUBJECT, true).read().unpromptedCompletion());
        }

        @Test
        void whileARealWakeIsHeldBackIsNotFlagged() {
            // yieldNow: its own wake is held by delay-wake, a spurious poll comes first; the yield did happen.
            SubjectTrace t = new Events().fault("delay-wake").poll(SUBJECT, false).spuriousPoll().poll(SUBJECT, true)
                    .read();
            assertNull(t.unpromptedCompletion());
        }

        @Test
        void afterAWakeThroughAStaleWakerIsNotFlagged() {
            assertNull(new Events().fault("stale-waker").spuriousPoll().poll(SUBJECT, true).read().unpromptedCompletion());
        }

        @Test
        void inATruncatedTraceIsNotFlagged() {
            Trace small = new Trace(3);
            small.add(new TraceEvent.Spawned(0, 0, SUBJECT, "subject", -2, ""));
            small.add(new TraceEvent.Polled(0, 0, SUBJECT, "subject", false));
            small.add(new TraceEvent.Fault(1, 0, SUBJECT, "subject", "spurious-poll", ""));
            small.add(new TraceEvent.Woken(1, 0, SUBJECT, "subject", -1, "fault", true));
            small.add(new TraceEvent.Polled(1, 0, SUBJECT, "subject", true));
            assertTrue(small.truncated());
            assertNull(new SubjectTrace(small, SUBJECT).unpromptedCompletion());
        }
    }

    @Nested
    class ASelfWakeStreak {
        static Events selfWokenPolls(Events e, int n) {
            for (int i = 0; i < n; i++) {
                e.wake(SUBJECT, SUBJECT, "task").poll(SUBJECT, false);
            }
            return e;
        }

        @Test
        void countsConsecutiveSelfWokenPendingPollsAcrossOtherTasks() {
            Events e = selfWokenPolls(new Events(), 5).poll(OTHER, false);
            SubjectTrace t = selfWokenPolls(e, 5).read();
            assertEquals(10, t.longestStreak());
            assertEquals(10, t.finalStreak());
        }

        @Test
        void endsWhenTheClockMoves() {
            Events e = selfWokenPolls(new Events(), 7);
            e.trace.add(new TraceEvent.ClockAdvanced(e.step, 1_000, 0));
            SubjectTrace t = selfWokenPolls(e, 3).read();
            assertEquals(7, t.longestStreak());
            assertEquals(3, t.finalStreak());
            assertEquals("step 7, t=0.000s", t.longestStreakEnd());
        }

        @Test
        void endsAtAPendingPollWithoutASelfWake() {
            Events e = selfWokenPolls(new Events(), 4).wake(SUBJECT, OTHER, "task").poll(SUBJECT, false);
            SubjectTrace t = selfWokenPolls(e, 2).read();
            assertEquals(4, t.longestStreak());
            assertEquals(2, t.finalStreak());
        }
    }
}
