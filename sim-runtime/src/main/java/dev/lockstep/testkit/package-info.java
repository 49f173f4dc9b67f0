/**
 * Test doubles in the style of futures-test and tokio-test: wakers that do nothing, panic or count
 * ({@link dev.lockstep.testkit.Wakers}), futures that return {@code Pending} once or between every
 * poll ({@link dev.lockstep.testkit.TestFutures}), a stream that returns {@code Pending} before
 * every value ({@link dev.lockstep.testkit.TestStreams}), a move detector, and {@link dev.lockstep.testkit.MockTask}
 * to poll a future by hand inside a simulation's runtime.
 */
package dev.lockstep.testkit;
