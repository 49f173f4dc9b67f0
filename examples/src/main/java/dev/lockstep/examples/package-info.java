/**
 * Runnable scenarios with planted bugs and their fixed twins: the {@code Scenario} each implements and
 * its {@code Variant} (buggy or fixed).
 */
package dev.lockstep.examples;
