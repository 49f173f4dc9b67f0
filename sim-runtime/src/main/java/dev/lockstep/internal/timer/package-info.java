/**
 * The timer queue: a radix heap over deadlines with a 4-ary heap for timers set before its base,
 * ordered by (deadline, registration order), with lazy cancellation. No API promise.
 */
package dev.lockstep.internal.timer;
