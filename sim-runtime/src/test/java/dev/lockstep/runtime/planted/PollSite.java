package dev.lockstep.runtime.planted;

import dev.lockstep.async.Async;
import dev.lockstep.future.Future;
import dev.lockstep.future.Futures;

/**
 * Where a planted future is polled from: as a task's root future, or below it, awaited inside an
 * async body, inside a {@code select} (against a future that never completes), or inside a
 * {@code map}. The poll-site faults must reach it at each.
 */
public enum PollSite {
    TASK,
    ASYNC_BODY,
    SELECT,
    MAP;

    /** {@code future}, polled from this site. */
    public <T> Future<T> wrap(Future<T> future) {
        return switch (this) {
            case TASK -> future;
            case ASYNC_BODY -> Async.async(a -> a.await(future));
            case SELECT -> Futures.select(future, Futures.<T>pending()).map(e -> e.fold(v -> v, v -> v));
            case MAP -> future.map(v -> v);
        };
    }

    /** For names: {@code ""} for a task, else {@code " (awaited in an async body)"} and the like. */
    String label() {
        return switch (this) {
            case TASK -> "";
            case ASYNC_BODY -> " in async body";
            case SELECT -> " in select";
            case MAP -> " in map";
        };
    }
}
