/**
 * The trace of a run: every decision, poll result, wake, timer and I/O event as a
 * {@link dev.lockstep.trace.TraceEvent}, folded into a 64-bit hash ({@link dev.lockstep.trace.Trace#hash()})
 * that is the run's fingerprint: the same seed gives the same hash on any machine.
 * <p>The trace keeps the last events in a bounded ring; the hash covers every event, kept or not.
 */
package dev.lockstep.trace;
