/**
 * Main's implementations before the performance changes, kept verbatim in behaviour so that a
 * before/after row runs both in one JVM: the ring-buffer run queue ({@link
 * dev.lockstep.benchmarks.sidebyside.before.RingRunQueue}), the run queue's Fenwick tree over
 * every slot ({@link dev.lockstep.benchmarks.sidebyside.before.FenwickWakeQueue}), the 4-ary
 * timer heap ({@link dev.lockstep.benchmarks.sidebyside.before.HeapTimerQueue}), the nested
 * {@code then} combinator ({@link dev.lockstep.benchmarks.sidebyside.before.NestedThen}), the two
 * trace events of a hand-off ({@link dev.lockstep.benchmarks.sidebyside.before.TwoEventTrace}) and
 * the waker that walked to its vtable on every wake
 * ({@link dev.lockstep.benchmarks.sidebyside.before.ChainWaker}). Not used by Lockstep.
 */
package dev.lockstep.benchmarks.sidebyside.before;
