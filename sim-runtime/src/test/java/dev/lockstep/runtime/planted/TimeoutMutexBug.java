package dev.lockstep.runtime.planted;

import dev.lockstep.async.Async;
import dev.lockstep.fault.FaultKind;
import dev.lockstep.fault.FaultPlan;
import dev.lockstep.future.Cancellable;
import dev.lockstep.future.Context;
import dev.lockstep.future.Future;
import dev.lockstep.future.Futures;
import dev.lockstep.future.JoinHandle;
import dev.lockstep.future.Poll;
import dev.lockstep.future.Waker;
import dev.lockstep.runtime.DeadlockException;
import dev.lockstep.runtime.Simulation;
import dev.lockstep.time.Sleep;
import java.time.Duration;
import java.util.ArrayDeque;

/**
 * A FIFO async mutex that hands the lock straight to its first waiter on unlock. The bug: a
 * waiter cancelled after the hand-off (its {@code select} against a 10 ms timeout picked the
 * timeout) leaves the lock held by nobody, swallowing the unlock's wake; the next lock waits
 * forever. The fixed twin passes a granted lock on when its waiter is cancelled.
 *
 * <p>The holder keeps the lock for a hold time drawn in microseconds in {@code [5, 15]} ms, so
 * the unlock and the timeout are almost never at the same instant; only {@code timer-slack},
 * which fires near-simultaneous timers together, makes both reach the waiter before it is
 * polled.
 */
public final class TimeoutMutexBug implements PlantedBug {
    static final int ROUNDS = 10;

    static final class Mutex {
        private final boolean fixed;
        private final ArrayDeque<Waiter> waiters = new ArrayDeque<>();
        private boolean locked;

        Mutex(boolean fixed) {
            this.fixed = fixed;
        }

        Future<Boolean> lock() {
            return new Lock(this);
        }

        void unlock() {
            Waiter next = waiters.poll();
            if (next == null) {
                locked = false;
                return;
            }
            next.granted = true;  // hand-off: the lock stays held, now by next
            next.waker.wakeByRef();
        }
    }

    static final class Waiter {
        Waker waker;
        boolean granted;
    }

    static final class Lock implements Future<Boolean>, Cancellable {
        private final Mutex mutex;
        private Waiter waiter;

        Lock(Mutex mutex) {
            this.mutex = mutex;
        }

        @Override
        public Poll<Boolean> poll(Context cx) {
            if (waiter == null) {
                if (!mutex.locked) {
                    mutex.locked = true;
                    return Poll.ready(true);
                }
                waiter = new Waiter();
                mutex.waiters.add(waiter);
            }
            if (waiter.granted) {
                waiter = null;
                return Poll.ready(true);
            }
            waiter.waker = cx.waker();
            return Poll.pending();
        }

        @Override
        public void cancel() {
            if (waiter == null) {
                return;
            }
            mutex.waiters.remove(waiter);
            if (waiter.granted && mutex.fixed) {
                mutex.unlock();
            }
            waiter = null;
        }
    }

    @Override
    public String name() {
        return "mutex timeout swallows unlock";
    }

    /**
     * Each round the main task takes the lock, starts a waiter that gives up after 10 ms, holds
     * the lock for the drawn time and unlocks; a last lock at the end hangs if a hand-off was
     * swallowed.
     */
    @Override
    public void run(Simulation sim, boolean fixed) {
        Mutex mutex = new Mutex(fixed);
        sim.blockOn(Async.async(a -> {
            for (int round = 0; round < ROUNDS; round++) {
                a.await(mutex.lock());
                JoinHandle<Boolean> waiter = a.spawn("waiter", Async.async(w -> {
                    boolean locked = w.await(Futures.select(mutex.lock(), Sleep.of(Duration.ofMillis(10)))).isLeft();
                    if (locked) {
                        mutex.unlock();
                    }
                    return locked;
                }));
                a.sleep(Duration.ofNanos(a.runtime().choices().between(5_000, 15_000) * 1_000));
                mutex.unlock();
                a.await(waiter);
            }
            a.await(mutex.lock());
            mutex.unlock();
            return null;
        }));
    }

    @Override
    public FaultPlan plan() {
        return FaultPlan.only(FaultKind.TIMER_SLACK, 0.5);
    }

    @Override
    public boolean shows(Throwable failure) {
        return failure instanceof DeadlockException;
    }
}
