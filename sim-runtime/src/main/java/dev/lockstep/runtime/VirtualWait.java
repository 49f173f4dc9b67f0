package dev.lockstep.runtime;

import dev.lockstep.internal.Deadlines;
import dev.lockstep.trace.TraceHash;
import java.time.Duration;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * A wait in virtual time, the Awaitility way: runs the simulation forward until a condition holds.
 *
 * <pre>{@code
 * sim.await("the cache empties").atMost(Duration.ofSeconds(5)).until(() -> cache.size() == 0);
 * sim.await().pollInterval(Duration.ofMillis(10)).untilAsserted(() -> assertEquals(3, log.size()));
 * }</pre>
 *
 * <h2>When the condition is checked</h2>
 * First at once, after every runnable task has run ({@link Simulation#runUntilIdle}), then after
 * each step of virtual time of at most {@link #pollInterval} (100 ms unless set, as Awaitility),
 * each step firing every timer on its way and running the tasks they wake, exactly as
 * {@link Simulation#advance} does. With a poll interval of zero it is checked after each timer
 * instead. The last check is at the deadline, {@link #atMost} after the wait started (10 s unless
 * set). Nothing waits in real time, so a long {@code atMost} costs only the events in it.
 *
 * <h2>Errors</h2>
 * When the deadline passes with the condition false, the wait throws
 * {@link WaitTimeoutException}, as Awaitility's {@code ConditionTimeoutException}: it names the
 * condition (its alias), how long and how often it was checked, the last value or assertion
 * error (the error is the cause), the tasks and timers left, and the step, virtual time and
 * replay string. An exception other than an {@link AssertionError} thrown by the condition
 * propagates unchanged; so does a {@link SimulationException} of the run (a step limit).
 *
 * <h2>Threads</h2>
 * Called on the simulation's thread, outside any task (like {@code blockOn}); a wait is refused
 * from inside a task, where a future should be awaited instead.
 */
public final class VirtualWait {
    private static final Duration DEFAULT_AT_MOST = Duration.ofSeconds(10);
    private static final Duration DEFAULT_POLL_INTERVAL = Duration.ofMillis(100);

    private final Simulation sim;
    private String alias;
    private Duration atMost = DEFAULT_AT_MOST;
    private Duration pollInterval = DEFAULT_POLL_INTERVAL;

    VirtualWait(Simulation sim, String alias) {
        this.sim = sim;
        this.alias = alias;
    }

    /** Names the condition in the timeout's message, as Awaitility's {@code await("alias")}. */
    public VirtualWait alias(String alias) {
        this.alias = Objects.requireNonNull(alias, "alias");
        return this;
    }

    /** The longest virtual time to wait (10 s unless set); one past the end of virtual time waits to that end. */
    public VirtualWait atMost(Duration atMost) {
        Objects.requireNonNull(atMost, "atMost");
        if (atMost.isNegative()) {
            throw new IllegalArgumentException("atMost must not be negative, got " + atMost);
        }
        this.atMost = atMost;
        return this;
    }

    /** Virtual time between checks (100 ms unless set); zero checks after every timer. */
    public VirtualWait pollInterval(Duration interval) {
        Objects.requireNonNull(interval, "pollInterval");
        if (interval.isNegative()) {
            throw new IllegalArgumentException("pollInterval must not be negative, got " + interval);
        }
        this.pollInterval = interval;
        return this;
    }

    /**
     * Runs the simulation until {@code condition} is true.
     *
     * @throws WaitTimeoutException if it is still false {@link #atMost} after the wait started
     */
    public void until(BooleanSupplier condition) {
        Objects.requireNonNull(condition, "condition");
        run(() -> condition.getAsBoolean() ? Check.MET : Check.notMet("false", null));
    }

    /**
     * Runs the simulation until {@code predicate} accepts the value of {@code supplier}, and
     * returns that value (Awaitility's {@code until(callable, matcher)}).
     *
     * @throws WaitTimeoutException naming the last value, if none is accepted in time
     */
    public <T> T until(Supplier<T> supplier, Predicate<? super T> predicate) {
        Objects.requireNonNull(supplier, "supplier");
        Objects.requireNonNull(predicate, "predicate");
        Object[] accepted = new Object[1];
        run(() -> {
            T value = supplier.get();
            if (predicate.test(value)) {
                accepted[0] = value;
                return Check.MET;
            }
            return Check.notMet("the value was " + value, null);
        });
        @SuppressWarnings("unchecked")
        T value = (T) accepted[0];
        return value;
    }

    /**
     * Runs the simulation until {@code assertion} returns without throwing an {@link AssertionError}.
     *
     * @throws WaitTimeoutException with the last assertion error as its cause
     */
    public void untilAsserted(Runnable assertion) {
        Objects.requireNonNull(assertion, "assertion");
        run(() -> {
            try {
                assertion.run();
                return Check.MET;
            } catch (AssertionError e) {
                return Check.notMet("the assertion failed: " + e.getMessage(), e);
            }
        });
    }

    // Check, advance by at most the poll interval (or to the next timer), check, ... until the deadline.
    private void run(Supplier<Check> check) {
        sim.ensureDrivable("await()");
        long start = sim.nanos();
        long deadline = saturatedAdd(start, Deadlines.nonNegativeNanos(atMost, "atMost"));
        long interval = Deadlines.nonNegativeNanos(pollInterval, "pollInterval");
        int checks = 0;
        while (true) {
            sim.runUntilIdle();
            checks++;
            Check c = check.get();
            if (c.met()) {
                return;
            }
            long now = sim.nanos();
            if (now >= deadline) {
                throw timeout(c, start, checks);
            }
            long next;
            if (interval == 0) {
                next = sim.pendingTimers() == 0 ? deadline : Math.min(deadline, Math.max(now, sim.timers().nextDeadline()));
            } else {
                next = Math.min(deadline, saturatedAdd(now, interval));
            }
            sim.advance(Duration.ofNanos(next - now));
        }
    }

    private WaitTimeoutException timeout(Check last, long start, int checks) {
        String name = alias != null ? "condition '" + alias + "'"
                : "a condition without an alias (name it: sim.await(\"what it waits for\"))";
        String every = pollInterval.isZero() ? "after every timer"
                : "every " + TraceHash.time(Deadlines.nonNegativeNanos(pollInterval, "pollInterval"));
        String message = name + " was not met within " + TraceHash.time(Deadlines.nonNegativeNanos(atMost, "atMost"))
                + " of virtual time"
                + " (checked " + checks + (checks == 1 ? " time" : " times") + " from t=" + TraceHash.time(start)
                + " to t=" + TraceHash.time(sim.nanos()) + ", " + every + "); at the last check " + last.detail()
                + "; " + sim.liveTasks() + " task(s) unfinished, " + sim.pendingTimers() + " timer(s) pending"
                + (sim.pendingTimers() == 0 && sim.liveTasks() == 0 ? " (nothing left that could change it)" : "");
        return new WaitTimeoutException(message, alias, sim.step(), sim.nanos(), sim.replayString(), last.error());
    }

    private static long saturatedAdd(long a, long b) {
        long r = a + b;
        return ((a ^ r) & (b ^ r)) < 0 ? Long.MAX_VALUE : r;
    }

    /** The result of one check. */
    private record Check(boolean met, String detail, AssertionError error) {
        static final Check MET = new Check(true, "", null);

        static Check notMet(String detail, AssertionError error) {
            return new Check(false, detail, error);
        }
    }
}
