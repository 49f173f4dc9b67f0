/**
 * Adapters to and from other future types: {@code CompletionStage}, Guava's {@code ListenableFuture}
 * and {@code CompletableFuture} views of Lockstep futures. Callbacks are routed through the run queue,
 * so their order is a choice like any other; a completion on a real thread is reported, not accepted.
 */
package dev.lockstep.interop;
