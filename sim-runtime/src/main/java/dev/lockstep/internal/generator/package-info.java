/**
 * The generator backends of async bodies: the JDK's {@code Continuation} (found reflectively) and a
 * strict hand-off to a virtual thread. Exactly one side runs at a time. No API promise.
 */
package dev.lockstep.internal.generator;
