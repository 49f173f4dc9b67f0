/**
 * Schedulers: which runnable task the executor polls next. {@link dev.lockstep.schedule.Scheduler#uniform()}
 * draws uniformly (choice 0 is FIFO); {@link dev.lockstep.schedule.Scheduler#pct(int, long)} is PCT with a
 * bounded number of priority change points. The policies themselves live in
 * {@code dev.lockstep.internal.schedule}.
 */
package dev.lockstep.schedule;
