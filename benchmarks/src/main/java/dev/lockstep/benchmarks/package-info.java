/**
 * JMH benchmarks of Lockstep against the baselines a user would pick instead (issue 8).
 *
 * <p>Every figure is reported as a ratio against a baseline measured in the same JVM run, because
 * absolute rates on a shared machine are noise. One package per row of the table in
 * {@code benchmarks/README.md}:
 * <ul>
 *   <li>{@code executor}: wake→poll hand-offs among tasks that wake each other in a ring;
 *   <li>{@code timers}: scheduling and firing a million timers with random deadlines;
 *   <li>{@code runs}: whole simulated runs of a small scenario per second;
 *   <li>{@code async}: await round trips on both generator backends against a hand-written poll
 *       state machine;
 *   <li>{@code network}: echo round trips over simulated TCP against real loopback, and virtual
 *       seconds per wall second of a 100-host heartbeat scenario;
 *   <li>{@code report}: the runner that measures all rows and prints the table.
 * </ul>
 * The side-by-side set ({@code sidebyside}) runs each row's two sides interleaved in one JVM;
 * {@code agent} holds the two copies of application code and the attach-cost child JVMs of its
 * sim-agent rows.
 * Each benchmark class carries a short default configuration (the whole set runs in a few
 * minutes); the README gives the longer command line.
 */
package dev.lockstep.benchmarks;
