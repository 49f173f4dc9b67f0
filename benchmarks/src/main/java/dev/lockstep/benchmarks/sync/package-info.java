/**
 * The sync toolkit's throughput row: {@code Mpsc} messages per CPU-second between two simulated
 * tasks, against a hand-written one-slot channel between the same two tasks and against
 * {@link java.util.concurrent.ArrayBlockingQueue} between two threads, measured in interleaved
 * rounds in one JVM ({@link dev.lockstep.benchmarks.sync.MpscThroughput}).
 */
package dev.lockstep.benchmarks.sync;
