/**
 * The future contract checker: {@code FutureContract} drives a future under every fault plan and names
 * each violation by kind (lost wakeup, stale waker, not fused, pin violation, leaked registration, ...),
 * each with the replay string of its smallest run.
 */
package dev.lockstep.contract;
