/**
 * JUnit 5 integration: {@code @SimTest} runs a test method as a property over many simulations.
 */
package dev.lockstep.junit;
