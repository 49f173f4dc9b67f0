/**
 * Benchmarks of the executor's wake-to-poll hand-off against plain JDK loops and executors.
 */
package dev.lockstep.benchmarks.executor;
