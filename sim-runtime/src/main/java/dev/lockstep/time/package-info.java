/**
 * Virtual time: {@link dev.lockstep.time.SimClock}, the timer futures {@link dev.lockstep.time.Sleep} and
 * {@link dev.lockstep.time.Interval}, and adapters that let unmodified libraries run on the virtual clock:
 * a Guava {@code Ticker}, a {@code java.time.Clock} and a {@code ScheduledExecutorService}
 * ({@link dev.lockstep.time.VirtualScheduledExecutor}) whose tasks are simulation tasks.
 * <p>Invariants: time moves only when the executor has nothing runnable, straight to the next timer;
 * timers with equal deadlines fire in registration order. This package depends on the future model
 * only; it reaches the executor through {@link dev.lockstep.future.RuntimeHandle} and
 * {@link dev.lockstep.time.BlockingRuntime}.
 */
package dev.lockstep.time;
