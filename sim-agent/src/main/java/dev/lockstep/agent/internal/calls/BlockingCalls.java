package dev.lockstep.agent.internal.calls;

import java.time.Duration;
import java.util.Date;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.LockSupport;

/**
 * Handlers of the calls that block a thread. On a simulation's thread under {@code VIRTUALIZE}
 * or {@code REPORT}, a call that would block now throws the {@code EscapeException} naming what
 * it waits for; a call that would not block (a future already done, a latch at zero, a queue
 * with an element, a free permit or lock, a timed wait or sleep of zero or less) goes through, since
 * it waits for nothing. Inside an
 * async body, {@code Thread.sleep} and the {@code join}/{@code get} of a
 * {@code CompletableFuture} wait in virtual time instead ({@link AsyncWaits}). Elsewhere, and
 * under {@code ALLOW}, each call is the JDK's.
 */
public final class BlockingCalls {
    private BlockingCalls() {
    }

    public static void sleep(long millis, int site) throws InterruptedException {
        if (!AsyncWaits.sleep(site, Duration.ofMillis(Math.max(0, millis)))) {
            if (millis > 0) {
                Sites.blocking(site, "Thread.sleep(" + millis + ") outside an async body");
            }
            Thread.sleep(millis);
        }
    }

    /** {@code Thread::sleep} as a method reference. */
    public static void sleepRef(int site, long millis) throws InterruptedException {
        sleep(millis, site);
    }

    public static void sleep(long millis, int nanos, int site) throws InterruptedException {
        if (!AsyncWaits.sleep(site, Duration.ofMillis(Math.max(0, millis)).plusNanos(nanos))) {
            if (millis > 0 || nanos > 0) {
                Sites.blocking(site, "Thread.sleep(" + millis + ", " + nanos + ") outside an async body");
            }
            Thread.sleep(millis, nanos);
        }
    }

    public static void sleep(Duration d, int site) throws InterruptedException {
        if (!AsyncWaits.sleep(site, d.isNegative() ? Duration.ZERO : d)) {
            if (d.isPositive()) {
                Sites.blocking(site, "Thread.sleep(" + d + ") outside an async body");
            }
            Thread.sleep(d);
        }
    }

    public static void sleep(TimeUnit unit, long duration, int site) throws InterruptedException {
        if (!AsyncWaits.sleep(site, Duration.ofNanos(Math.max(0, unit.toNanos(duration))))) {
            if (duration > 0) {
                Sites.blocking(site, unit + ".sleep(" + duration + ") outside an async body");
            }
            unit.sleep(duration);
        }
    }

    public static void objectWait(Object o, int site) throws InterruptedException {
        Sites.blocking(site, "Object.wait() on a " + o.getClass().getName());
        o.wait();
    }

    public static void objectWait(Object o, long millis, int site) throws InterruptedException {
        Sites.blocking(site, "Object.wait(" + millis + ") on a " + o.getClass().getName());
        o.wait(millis);
    }

    public static void objectWait(Object o, long millis, int nanos, int site) throws InterruptedException {
        Sites.blocking(site, "Object.wait(" + millis + ", " + nanos + ") on a " + o.getClass().getName());
        o.wait(millis, nanos);
    }

    public static void park(int site) {
        Sites.blocking(site, "LockSupport.park()");
        LockSupport.park();
    }

    public static void park(Object blocker, int site) {
        Sites.blocking(site, "LockSupport.park(" + describe(blocker) + ")");
        LockSupport.park(blocker);
    }

    public static void parkNanos(long nanos, int site) {
        if (nanos > 0) {
            Sites.blocking(site, "LockSupport.parkNanos(" + nanos + ")");
        }
        LockSupport.parkNanos(nanos);
    }

    public static void parkNanos(Object blocker, long nanos, int site) {
        if (nanos > 0) {
            Sites.blocking(site, "LockSupport.parkNanos(" + describe(blocker) + ", " + nanos + ")");
        }
        LockSupport.parkNanos(blocker, nanos);
    }

    public static void parkUntil(long deadline, int site) {
        Sites.blocking(site, "LockSupport.parkUntil(" + deadline + ")");
        LockSupport.parkUntil(deadline);
    }

    public static void parkUntil(Object blocker, long deadline, int site) {
        Sites.blocking(site, "LockSupport.parkUntil(" + describe(blocker) + ", " + deadline + ")");
        LockSupport.parkUntil(blocker, deadline);
    }

    public static Object get(Future<?> f, int site) throws InterruptedException, ExecutionException {
        if (!f.isDone()) {
            if (f instanceof CompletableFuture<?> cf && AsyncWaits.awaits(site, cf)) {
                return cf.get();
            }
            Sites.blocking(site, "get() waits for a " + f.getClass().getName() + " that is not done");
        }
        return f.get();
    }

    public static Object get(Future<?> f, long timeout, TimeUnit unit, int site)
            throws InterruptedException, ExecutionException, TimeoutException {
        if (!f.isDone() && timeout > 0) {
            Sites.blocking(site, "get(" + timeout + ", " + unit + ") waits in real time for a "
                    + f.getClass().getName() + " that is not done");
        }
        return f.get(timeout, unit);
    }

    public static Object join(CompletableFuture<?> f, int site) {
        if (!f.isDone() && !AsyncWaits.awaits(site, f)) {
            Sites.blocking(site, "join() waits for a CompletableFuture that is not done");
        }
        return f.join();
    }

    public static Object join(ForkJoinTask<?> f, int site) {
        if (!f.isDone()) {
            Sites.blocking(site, "join() waits for a ForkJoinTask that is not done");
        }
        return f.join();
    }

    public static void await(CountDownLatch latch, int site) throws InterruptedException {
        if (latch.getCount() > 0) {
            Sites.blocking(site, "CountDownLatch.await() with the count at " + latch.getCount());
        }
        latch.await();
    }

    public static boolean await(CountDownLatch latch, long timeout, TimeUnit unit, int site)
            throws InterruptedException {
        if (latch.getCount() > 0 && timeout > 0) {
            Sites.blocking(site, "CountDownLatch.await(" + timeout + ", " + unit + ") with the count at "
                    + latch.getCount());
        }
        return latch.await(timeout, unit);
    }

    public static Object take(BlockingQueue<?> q, int site) throws InterruptedException {
        if (Sites.reporting() != null) {
            Object x = q.poll();
            if (x != null) {
                return x;
            }
            Sites.blocking(site, "take() on an empty " + q.getClass().getName());
        }
        return q.take();
    }

    @SuppressWarnings("unchecked")
    public static void put(BlockingQueue<?> q, Object x, int site) throws InterruptedException {
        BlockingQueue<Object> queue = (BlockingQueue<Object>) q;
        if (Sites.reporting() != null) {
            if (queue.offer(x)) {
                return;
            }
            Sites.blocking(site, "put() on a full " + q.getClass().getName());
        }
        queue.put(x);
    }

    public static Object poll(BlockingQueue<?> q, long timeout, TimeUnit unit, int site) throws InterruptedException {
        if (Sites.reporting() != null) {
            Object x = q.poll();
            if (x != null || timeout <= 0) {
                return x;
            }
            Sites.blocking(site, "poll(" + timeout + ", " + unit + ") waits in real time on an empty "
                    + q.getClass().getName());
        }
        return q.poll(timeout, unit);
    }

    @SuppressWarnings("unchecked")
    public static boolean offer(BlockingQueue<?> q, Object x, long timeout, TimeUnit unit, int site)
            throws InterruptedException {
        BlockingQueue<Object> queue = (BlockingQueue<Object>) q;
        if (Sites.reporting() != null) {
            if (queue.offer(x)) {
                return true;
            }
            if (timeout <= 0) {
                return false;
            }
            Sites.blocking(site, "offer(x, " + timeout + ", " + unit + ") waits in real time on a full "
                    + q.getClass().getName());
        }
        return queue.offer(x, timeout, unit);
    }

    public static void acquire(Semaphore s, int site) throws InterruptedException {
        if (Sites.reporting() != null) {
            if (s.tryAcquire()) {
                return;
            }
            Sites.blocking(site, "Semaphore.acquire() with no permit free");
        }
        s.acquire();
    }

    public static void acquire(Semaphore s, int permits, int site) throws InterruptedException {
        if (Sites.reporting() != null) {
            if (s.tryAcquire(permits)) {
                return;
            }
            Sites.blocking(site, "Semaphore.acquire(" + permits + ") with " + s.availablePermits() + " permits free");
        }
        s.acquire(permits);
    }

    public static void acquireUninterruptibly(Semaphore s, int site) {
        if (Sites.reporting() != null) {
            if (s.tryAcquire()) {
                return;
            }
            Sites.blocking(site, "Semaphore.acquireUninterruptibly() with no permit free");
        }
        s.acquireUninterruptibly();
    }

    public static void acquireUninterruptibly(Semaphore s, int permits, int site) {
        if (Sites.reporting() != null) {
            if (s.tryAcquire(permits)) {
                return;
            }
            Sites.blocking(site, "Semaphore.acquireUninterruptibly(" + permits + ") with " + s.availablePermits()
                    + " permits free");
        }
        s.acquireUninterruptibly(permits);
    }

    public static boolean tryAcquire(Semaphore s, long timeout, TimeUnit unit, int site) throws InterruptedException {
        if (Sites.reporting() != null) {
            if (s.tryAcquire()) {
                return true;
            }
            if (timeout <= 0) {
                return false;
            }
            Sites.blocking(site, "Semaphore.tryAcquire(" + timeout + ", " + unit + ") waits in real time");
        }
        return s.tryAcquire(timeout, unit);
    }

    public static boolean tryAcquire(Semaphore s, int permits, long timeout, TimeUnit unit, int site)
            throws InterruptedException {
        if (Sites.reporting() != null) {
            if (s.tryAcquire(permits)) {
                return true;
            }
            if (timeout <= 0) {
                return false;
            }
            Sites.blocking(site, "Semaphore.tryAcquire(" + permits + ", " + timeout + ", " + unit
                    + ") waits in real time");
        }
        return s.tryAcquire(permits, timeout, unit);
    }

    public static void lock(Lock l, int site) {
        if (Sites.reporting() != null) {
            if (l.tryLock()) {
                return;
            }
            Sites.blocking(site, "lock() of a contended " + l.getClass().getName());
        }
        l.lock();
    }

    public static void lockInterruptibly(Lock l, int site) throws InterruptedException {
        if (Sites.reporting() != null) {
            if (l.tryLock()) {
                return;
            }
            Sites.blocking(site, "lockInterruptibly() of a contended " + l.getClass().getName());
        }
        l.lockInterruptibly();
    }

    public static boolean tryLock(Lock l, long timeout, TimeUnit unit, int site) throws InterruptedException {
        if (Sites.reporting() != null) {
            if (l.tryLock()) {
                return true;
            }
            if (timeout <= 0) {
                return false;
            }
            Sites.blocking(site, "tryLock(" + timeout + ", " + unit + ") of a contended " + l.getClass().getName());
        }
        return l.tryLock(timeout, unit);
    }

    public static void conditionAwait(Condition c, int site) throws InterruptedException {
        Sites.blocking(site, "Condition.await()");
        c.await();
    }

    public static void conditionAwaitUninterruptibly(Condition c, int site) {
        Sites.blocking(site, "Condition.awaitUninterruptibly()");
        c.awaitUninterruptibly();
    }

    public static long conditionAwaitNanos(Condition c, long nanos, int site) throws InterruptedException {
        if (nanos > 0) {
            Sites.blocking(site, "Condition.awaitNanos(" + nanos + ")");
        }
        return c.awaitNanos(nanos);
    }

    public static boolean conditionAwait(Condition c, long timeout, TimeUnit unit, int site)
            throws InterruptedException {
        if (timeout > 0) {
            Sites.blocking(site, "Condition.await(" + timeout + ", " + unit + ")");
        }
        return c.await(timeout, unit);
    }

    public static boolean conditionAwaitUntil(Condition c, Date deadline, int site) throws InterruptedException {
        Sites.blocking(site, "Condition.awaitUntil(" + deadline.toInstant() + ") waits in real time");
        return c.awaitUntil(deadline);
    }

    private static String describe(Object blocker) {
        return blocker == null ? "null" : "a " + blocker.getClass().getName();
    }
}
