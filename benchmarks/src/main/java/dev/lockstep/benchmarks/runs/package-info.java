/**
 * Benchmarks of whole simulation runs per second, on one core and on all.
 */
package dev.lockstep.benchmarks.runs;
