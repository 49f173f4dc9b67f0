/**
 * Project Reactor in virtual time.
 *
 * <p>{@link dev.lockstep.reactor.VirtualSchedulers#install} makes Lockstep Reactor's scheduler
 * factory for the extent of one simulation, so {@code Schedulers.parallel()}, {@code single()},
 * {@code boundedElastic()} and every operator that uses them by default ({@code Mono.delay},
 * {@code Flux.interval}, {@code timeout}, {@code retryWhen(Retry.backoff(..))}) run as simulation
 * tasks on the virtual clock, in an order drawn from the run's choices.
 * {@link dev.lockstep.reactor.ReactorInterop} turns publishers into Lockstep futures and back.
 */
package dev.lockstep.reactor;
