package dev.lockstep.sync;

/**
 * What {@link Barrier#await()} completed with.
 *
 * @param isLeader whether this task's arrival released the barrier (exactly one per generation)
 */
public record BarrierWaitResult(boolean isLeader) {}
