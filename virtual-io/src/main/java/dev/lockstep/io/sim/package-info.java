/**
 * The simulated network: {@code SimNetwork} with named hosts, links with seeded latency, jitter,
 * bandwidth and buffers, loss, duplication and reordering, partitions, hold/release, crash (the
 * machine), kill (the process) and restart. Every send, delivery, drop and reset is a trace
 * event; nothing is lost silently.
 */
package dev.lockstep.io.sim;
