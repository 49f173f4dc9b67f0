/**
 * Helpers of the runtime that users must not need: reflective reachability and shallow copies
 * (for self-reference scans and moves) and saturating deadline arithmetic. No API promise.
 */
package dev.lockstep.internal;
