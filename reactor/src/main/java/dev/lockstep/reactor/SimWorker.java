package dev.lockstep.reactor;

import dev.lockstep.future.Context;
import dev.lockstep.future.Future;
import dev.lockstep.future.Poll;
import dev.lockstep.future.JoinHandle;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import reactor.core.Disposable;
import reactor.core.scheduler.Scheduler;

/**
 * A Reactor {@link Scheduler.Worker} on a simulation: its tasks run one at a time, in the order
 * they were submitted (delayed ones when their timer fires), as Reactor promises of a worker.
 *
 * <h2>Scheduling</h2>
 * Queued runnables are run by one simulation task, the worker's drain task, one runnable per poll:
 * between two runnables of this worker, other tasks (other workers, the test's own tasks) may
 * run, in an order drawn from the run's choices. A delayed runnable is a timer task that, when it
 * fires, queues the runnable here. The drain task ends when the queue is empty and is spawned
 * again by the next submission, so an idle worker leaves no task behind.
 *
 * <h2>Cancellation</h2>
 * Disposing a task removes it from the queue and aborts its timer; disposing the worker disposes
 * every task it still holds and rejects new ones with Reactor's {@code RejectedExecutionException}.
 */
final class SimWorker implements Scheduler.Worker {
    private final SimScheduler scheduler;
    private final String name;
    private final ArrayDeque<QueuedRun> queue = new ArrayDeque<>();
    private final Tracked tracked = new Tracked();
    /** The drain task while the queue is being run, else null. */
    private JoinHandle<Void> drain;
    private boolean disposed;

    SimWorker(SimScheduler scheduler, String name) {
        this.scheduler = scheduler;
        this.name = name;
    }

    @Override
    public Disposable schedule(Runnable task) {
        scheduler.checkOpen(disposed, name);
        QueuedRun run = new QueuedRun(task, () -> { });
        enqueue(run);
        return run;
    }

    @Override
    public Disposable schedule(Runnable task, long delay, TimeUnit unit) {
        if (delay <= 0) {
            return schedule(task);
        }
        return timed(task, delay, -1, unit);
    }

    @Override
    public Disposable schedulePeriodically(Runnable task, long initialDelay, long period, TimeUnit unit) {
        return timed(task, Math.max(0, initialDelay), Math.max(0, period), unit);
    }

    @Override
    public void dispose() {
        if (disposed) {
            return;
        }
        disposed = true;
        queue.clear();
        tracked.disposeAll();
    }

    @Override
    public boolean isDisposed() {
        return disposed;
    }

    // A timer task queues each run here; a periodic one queues one per tick.
    private Disposable timed(Runnable task, long delay, long period, TimeUnit unit) {
        scheduler.checkOpen(disposed, name);
        long deadline = TimedRun.deadline(scheduler.simulation().nanos(), unit.toNanos(delay));
        long periodNanos = period < 0 ? -1 : unit.toNanos(period);
        QueuedRun[] current = new QueuedRun[1];
        Tracked.Entry[] entry = new Tracked.Entry[1];
        TimedRun timer = new TimedRun(() -> {
            current[0] = new QueuedRun(task, periodNanos < 0 ? entry[0]::finish : () -> { });
            enqueue(current[0]);
        }, deadline, periodNanos);
        JoinHandle<Void> h = scheduler.simulation().spawn(name + "-timer", timer);
        entry[0] = tracked.add(() -> {
            h.abort();
            if (current[0] != null) {
                current[0].dispose();
            }
        });
        return entry[0];
    }

    private void enqueue(QueuedRun run) {
        queue.add(run);
        if (drain == null) {
            drain = scheduler.simulation().spawn(name, new Drain());
        }
    }

    /** Runs the queue, one runnable per poll. */
    private final class Drain implements Future<Void> {
        @Override
        public Poll<Void> poll(Context cx) {
            QueuedRun next = queue.poll();
            if (next != null) {
                next.run();
            }
            if (queue.isEmpty() || disposed) {
                drain = null;
                return Poll.ready(null);
            }
            cx.waker().wakeByRef();
            return Poll.pending();
        }
    }

    /** A queued runnable; disposing it before it ran takes it out of the queue. */
    private final class QueuedRun implements Disposable {
        private final Runnable task;
        private final Runnable afterRun;
        private boolean done;

        QueuedRun(Runnable task, Runnable afterRun) {
            this.task = task;
            this.afterRun = afterRun;
        }

        void run() {
            if (!done) {
                done = true;
                afterRun.run();
                task.run();
            }
        }

        @Override
        public void dispose() {
            if (!done) {
                done = true;
                queue.remove(this);
            }
        }

        @Override
        public boolean isDisposed() {
            return done;
        }
    }
}
