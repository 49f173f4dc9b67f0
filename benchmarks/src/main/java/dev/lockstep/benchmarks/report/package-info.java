/**
 * The benchmark table: reads JMH results and prints each row with its baselines and ratios.
 */
package dev.lockstep.benchmarks.report;
