/**
 * An upload limiter whose permit future keeps the waker of its first poll: a stale waker.
 */
package dev.lockstep.examples.stalewaker;
