package dev.lockstep.agent.internal.calls;

import dev.lockstep.time.VirtualScheduledExecutor;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.RejectedExecutionHandler;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * What a rewritten {@code new ThreadPoolExecutor(..)} creates: a {@code ThreadPoolExecutor} whose
 * {@code execute} (and so {@code submit}, {@code invokeAll}) routes a submission made on a
 * simulation's thread to that run's executor, as {@link RoutingExecutor} does; anywhere else it
 * is the pool it was built as. Its threads start only for work submitted outside simulations.
 */
public class RoutingThreadPoolExecutor extends ThreadPoolExecutor {
    private final RoutingExecutor route = new RoutingExecutor("new java.util.concurrent.ThreadPoolExecutor(..)",
            "thread-pool", () -> null);

    public RoutingThreadPoolExecutor(int core, int max, long keepAlive, TimeUnit unit, BlockingQueue<Runnable> queue,
            int site) {
        super(core, max, keepAlive, unit, queue);
    }

    public RoutingThreadPoolExecutor(int core, int max, long keepAlive, TimeUnit unit, BlockingQueue<Runnable> queue,
            ThreadFactory factory, int site) {
        super(core, max, keepAlive, unit, queue, factory);
    }

    public RoutingThreadPoolExecutor(int core, int max, long keepAlive, TimeUnit unit, BlockingQueue<Runnable> queue,
            RejectedExecutionHandler handler, int site) {
        super(core, max, keepAlive, unit, queue, handler);
    }

    public RoutingThreadPoolExecutor(int core, int max, long keepAlive, TimeUnit unit, BlockingQueue<Runnable> queue,
            ThreadFactory factory, RejectedExecutionHandler handler, int site) {
        super(core, max, keepAlive, unit, queue, factory, handler);
    }

    @Override
    public void execute(Runnable command) {
        VirtualScheduledExecutor v = route.sim();
        if (v == null) {
            super.execute(command);
            return;
        }
        if (isShutdown()) {
            throw new RejectedExecutionException("Task " + command + " rejected from " + this + " (shut down)");
        }
        v.execute(command);
    }
}
