package dev.lockstep.future;

/**
 * Marks a future that is safe to move between polls: nothing reachable from it (its fields, the
 * callbacks it registered with a timer, channel or reactor) refers back to the instance.
 *
 * <p>Java never moves objects, so a move here is explicit: continuing a future from another place
 * than the one it was first polled from (a copy of its state, a rebuilt combinator, a migrated
 * task). {@link Pin#unpin()} allows it only for {@code Unpin} futures or futures never polled, and
 * the explorer may relocate an {@code Unpin} future between polls to check the claim.
 */
public interface Unpin {}
