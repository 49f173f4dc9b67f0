/**
 * The timer queue: a 4-ary heap ordered by (deadline, registration order) with lazy cancellation.
 * No API promise.
 */
package dev.lockstep.internal.timer;
