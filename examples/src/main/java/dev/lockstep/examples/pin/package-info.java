/**
 * A frame parser declared {@code Unpin} whose read handler refers back to it: a pin violation.
 */
package dev.lockstep.examples.pin;
