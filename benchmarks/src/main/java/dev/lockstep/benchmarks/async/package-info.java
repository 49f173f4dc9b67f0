/**
 * Benchmarks of await round trips on both generator backends.
 */
package dev.lockstep.benchmarks.async;
