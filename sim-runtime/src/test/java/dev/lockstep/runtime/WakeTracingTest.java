package dev.lockstep.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.fault.FaultPlan;
import dev.lockstep.future.Futures;
import dev.lockstep.future.JoinHandle;
import dev.lockstep.future.Poll;
import dev.lockstep.future.Waker;
import dev.lockstep.time.Sleep;
import dev.lockstep.trace.Trace;
import dev.lockstep.trace.TraceEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * How wakes are traced: a wake that schedules its task is carried by the poll it causes (one event
 * per hand-off), every other wake is a {@code Woken} event of its own, and
 * {@link Trace#unfoldWakes} puts every carried wake back where it happened.
 */
class WakeTracingTest {

    /** The trace's lines without step and time. */
    private static List<String> lines(List<TraceEvent> events) {
        return events.stream().map(TraceEvent::describe).toList();
    }

    /** Task 'b' waits; once it has been polled, the main task wakes it and awaits it. */
    private static Simulation handOff() {
        Simulation sim = Simulation.builder().seed(0).build();
        Waker[] b = {null};
        boolean[] woken = {false};
        JoinHandle<Object> hb = sim.spawn("b", cx -> {
            b[0] = cx.waker();
            return woken[0] ? Poll.ready(null) : Poll.pending();
        });
        sim.advance(Duration.ZERO);
        sim.blockOn(Futures.lazy(() -> {
            woken[0] = true;
            b[0].wakeByRef();
            return null;
        }).then(x -> hb));
        return sim;
    }

    @Nested
    class AHandOff {
        @Test
        void isOneEventThePollCarryingWhoWokeTheTask() {
            List<TraceEvent> events = handOff().trace().events();
            List<String> lines = lines(events);
            assertTrue(lines.contains("poll 'b'#0 -> Ready (woken by #1)"), String.join("\n", lines));
            assertTrue(lines.contains("poll 'main'#1 -> Ready (woken by #0)"), "the join's wake: " + lines);
            assertEquals(0, events.stream().filter(e -> e instanceof TraceEvent.Woken).count(), "no Woken event");
            TraceEvent.Polled p = events.stream().filter(e -> e instanceof TraceEvent.Polled q && q.woken())
                    .map(e -> (TraceEvent.Polled) e).findFirst().orElseThrow();
            assertEquals(1, p.wokenBy());
            assertEquals("task", p.wokenSource());
        }

        @Test
        void unfoldsIntoAWokenEventWhereTheWakeHappened() {
            List<String> unfolded = lines(Trace.unfoldWakes(handOff().trace().events()));
            int wake = unfolded.indexOf("wake 'b'#0 by #1");
            int wakersPoll = unfolded.indexOf("poll 'main'#1 -> Pending");
            int wokensPoll = unfolded.indexOf("poll 'b'#0 -> Ready");
            assertTrue(wake >= 0 && wake < wakersPoll && wakersPoll < wokensPoll, String.join("\n", unfolded));
        }

        @Test
        void aTimersWakeIsCarriedWithItsSource() {
            Simulation sim = Simulation.builder().build();
            sim.blockOn(Sleep.of(Duration.ofMillis(3)));
            assertTrue(lines(sim.trace().events()).contains("poll 'main'#0 -> Ready (woken by timer)"),
                    Trace.format(sim.trace().events()));
        }
    }

    @Nested
    class WakesTracedApart {
        @Test
        void aSecondWakeBeforeThePollHadNoEffect() {
            Simulation sim = Simulation.builder().build();
            Waker[] w = {null};
            int[] polls = {0};
            JoinHandle<Object> target = sim.spawn("target", cx -> {
                w[0] = cx.waker();
                return ++polls[0] == 2 ? Poll.ready(null) : Poll.pending();
            });
            sim.advance(Duration.ZERO);
            sim.blockOn(Futures.lazy(() -> null).then(x -> Futures.pollFn(cx -> {
                w[0].wakeByRef();
                w[0].wakeByRef();
                return Poll.ready(null);
            })).then(x -> target));
            List<String> lines = lines(sim.trace().events());
            assertTrue(lines.contains("wake 'target'#0 by #1 (no effect)"), String.join("\n", lines));
            assertTrue(lines.contains("poll 'target'#0 -> Ready (woken by #1)"), String.join("\n", lines));
        }

        @Test
        void aSelfWakeInTheLastPollComesBeforeThatPoll() {
            Simulation sim = Simulation.builder().build();
            sim.blockOn(Futures.pollFn(cx -> {
                cx.waker().wakeByRef();
                return Poll.ready(1);
            }));
            assertEquals(List.of("spawn 'main'#0", "wake 'main'#0 by #0", "poll 'main'#0 -> Ready", "end 'main'#0 OK"),
                    lines(sim.trace().events()));
        }

        @Test
        void theWakeOfATaskAbortedBeforeItsPollComesBeforeItsEnd() {
            Simulation sim = Simulation.builder().build();
            Waker[] w = {null};
            JoinHandle<Object> victim = sim.spawn("victim", cx -> {
                w[0] = cx.waker();
                return Poll.pending();
            });
            sim.advance(Duration.ZERO);
            sim.blockOn(Futures.lazy(() -> null).then(x -> Futures.pollFn(cx -> {
                w[0].wakeByRef();
                victim.abort();
                return Poll.ready(null);
            })));
            List<String> lines = lines(sim.trace().events());
            int wake = lines.indexOf("wake 'victim'#0 by #1");
            assertTrue(wake >= 0 && lines.get(wake + 1).equals("end 'victim'#0 ABORTED"), String.join("\n", lines));
        }

        @Test
        void aWakeStillPendingWhenBlockOnReturnsIsTracedThenAndNotAgain() {
            Simulation sim = Simulation.builder().build();
            Waker[] w = {null};
            int[] polls = {0};
            sim.spawn("late", cx -> {
                w[0] = cx.waker();
                polls[0]++;
                return Poll.pending();
            });
            sim.advance(Duration.ZERO);
            sim.blockOn(Futures.lazy(() -> {
                w[0].wakeByRef();
                return null;
            }));
            List<String> first = lines(sim.trace().events());
            assertEquals("wake 'late'#0 by #1", first.get(first.size() - 1), String.join("\n", first));
            sim.advance(Duration.ZERO);
            assertEquals(2, polls[0]);
            List<String> all = lines(sim.trace().events());
            assertEquals("poll 'late'#0 -> Pending", all.get(all.size() - 1), "its poll carries no wake");
        }
    }

    @Nested
    class OverManySeeds {
        /**
         * Per task, in the unfolded trace: every poll after the first follows a wake made since the
         * previous poll, or a wake the task made of itself during the previous poll (traced, as it
         * happened, before that poll's event).
         */
        private static void assertEveryLaterPollFollowsAWake(List<TraceEvent> unfolded, String where) {
            Map<Integer, Integer> wakesSincePoll = new HashMap<>();
            Map<Integer, Integer> selfWakes = new HashMap<>();
            Map<Integer, Integer> selfWakesOfLastPoll = new HashMap<>();
            Map<Integer, Integer> polls = new HashMap<>();
            for (TraceEvent e : unfolded) {
                if (e instanceof TraceEvent.Woken w && w.scheduled()) {
                    (w.byTask() == w.task() ? selfWakes : wakesSincePoll).merge(w.task(), 1, Integer::sum);
                } else if (e instanceof TraceEvent.Polled p) {
                    assertTrue(!p.woken(), "an unfolded poll carries no wake: " + p + where);
                    if (polls.merge(p.task(), 1, Integer::sum) > 1) {
                        assertTrue(wakesSincePoll.getOrDefault(p.task(), 0) + selfWakesOfLastPoll.getOrDefault(p.task(), 0)
                                > 0, "poll without a wake since the previous one: " + p + where);
                    }
                    wakesSincePoll.put(p.task(), 0);
                    selfWakesOfLastPoll.put(p.task(), selfWakes.getOrDefault(p.task(), 0));
                    selfWakes.put(p.task(), 0);
                }
            }
        }

        @Test
        void underSwarmFaultsEveryPollAfterTheFirstHasItsWakeAndTheFoldedTraceIsShorter() {
            for (long seed = 0; seed < 60; seed++) {
                Simulation sim = Simulation.builder().seed(seed).faults(FaultPlan.swarm())
                        .traceCapacity(Integer.MAX_VALUE).build();
                try {
                    SimulationGoldenTraceTest.relay(sim);
                } catch (RuntimeException e) {
                    // a failing run is read up to its failure
                }
                List<TraceEvent> events = sim.trace().events();
                List<TraceEvent> unfolded = Trace.unfoldWakes(events);
                String where = " (seed " + seed + ")\n" + Trace.format(unfolded);
                assertEveryLaterPollFollowsAWake(unfolded, where);
                long carried = events.stream().filter(e -> e instanceof TraceEvent.Polled p && p.woken()).count();
                assertEquals(events.size() + carried, unfolded.size(), "each carried wake unfolds once" + where);
                assertTrue(carried > 0, "hand-offs carry their wakes" + where);
            }
        }

        @Test
        void theSameSeedGivesTheSameHashAndATrailingWakeChangesIt() {
            List<Long> hashes = new ArrayList<>();
            for (boolean wakeAtEnd : new boolean[] {false, false, true}) {
                Simulation sim = Simulation.builder().seed(5).build();
                Waker[] w = {null};
                sim.spawn("idle", cx -> {
                    w[0] = cx.waker();
                    return Poll.pending();
                });
                sim.blockOn(Futures.lazy(() -> null).then(x -> Futures.lazy(() -> {
                    if (wakeAtEnd) {
                        w[0].wakeByRef(); // its poll never comes: only the trace's Woken event shows it
                    }
                    return null;
                })));
                hashes.add(sim.traceHash());
            }
            assertEquals(hashes.get(0), hashes.get(1));
            assertNotEquals(hashes.get(0), hashes.get(2));
        }
    }
}
