/**
 * A single-node key-value store with a write-ahead log on the file API: every write is appended
 * to the log and acknowledged. The buggy store acknowledges before {@code sync()}, so a crash can
 * lose an acknowledged write; the fixed one syncs first.
 */
package dev.lockstep.examples.walstore;
