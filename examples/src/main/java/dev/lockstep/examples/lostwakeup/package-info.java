/**
 * A work queue whose waiting workers share one waker slot: a lost wakeup.
 */
package dev.lockstep.examples.lostwakeup;
