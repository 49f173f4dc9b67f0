/**
 * A leader and two followers over simulated TCP; the buggy leader acknowledges before replicating,
 * so a partition and a crash lose an acknowledged write.
 */
package dev.lockstep.examples.kvstore;
