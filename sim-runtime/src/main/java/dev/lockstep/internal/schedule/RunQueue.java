package dev.lockstep.internal.schedule;

/**
 * The runnable tasks in wake order, which a {@link SchedulePolicy} picks from by index: index 0
 * is the oldest wake (FIFO), index i the i-th oldest. A {@link WakeQueue}, so a FIFO pick costs
 * O(1) and any other O(log n).
 */
public final class RunQueue<T extends Schedulable> extends WakeQueue<T> {}
