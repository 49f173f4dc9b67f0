/**
 * Streams: {@link dev.lockstep.stream.Stream}, the poll model for many values, with
 * {@code map}, {@code filter}, {@code take}, {@code next()} and {@code collect()}, and
 * {@link dev.lockstep.stream.Streams} for {@code merge}, {@code buffered} and sources
 * ({@code fromIterable}, {@code ticks} of an {@code Interval}).
 *
 * <p>The receivers of {@code dev.lockstep.sync}'s channels are streams. Test doubles are in
 * {@code dev.lockstep.testkit.TestStreams}.
 */
package dev.lockstep.stream;
