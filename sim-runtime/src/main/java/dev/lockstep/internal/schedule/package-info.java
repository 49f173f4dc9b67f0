/**
 * The run queue and the schedule policies (uniform, PCT) over it. A policy draws from the run's
 * choices and traces each decision; index 0 of the queue is the oldest wake (FIFO). No API promise.
 */
package dev.lockstep.internal.schedule;
