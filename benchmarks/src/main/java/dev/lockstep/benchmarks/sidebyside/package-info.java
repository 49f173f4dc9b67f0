/**
 * Benchmarks measured truly side by side: a row's Lockstep side (A) and its baseline (B) run in
 * one JVM, in alternating rounds of a fixed amount of work (A B, then B A, ...), each round timed
 * on the thread CPU time of the threads doing the work, with the GC time of the round recorded.
 * Load from other processes stretches wall time but hardly thread CPU time, and it hits both
 * sides of a round pair alike, so the per-round ratio and its median hold on a shared machine.
 *
 * <p>{@link dev.lockstep.benchmarks.sidebyside.SideBySideReport} runs every row and prints the
 * table of {@code benchmarks/README.md}; {@code benchmarks/run.sh --side-by-side} runs it.
 * {@link dev.lockstep.benchmarks.sidebyside.before} keeps main's earlier implementations that a
 * before/after row measures against.
 */
package dev.lockstep.benchmarks.sidebyside;
