/**
 * A {@code CompletableFuture} payment client on the virtual-time scheduled executor that retries timed-out
 * charges under new keys: a double charge.
 */
package dev.lockstep.examples.retryclient;
