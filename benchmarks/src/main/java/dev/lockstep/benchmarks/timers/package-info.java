/**
 * Benchmarks of virtual timers against Reactor's virtual-time scheduler.
 */
package dev.lockstep.benchmarks.timers;
