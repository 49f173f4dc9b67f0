/**
 * Benchmarks of simulated TCP against real loopback, and of many hosts' heartbeats in virtual time.
 */
package dev.lockstep.benchmarks.network;
