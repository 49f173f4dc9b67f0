package dev.lockstep.examples.stalewaker;

import static dev.lockstep.async.Async.async;

import dev.lockstep.future.Future;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The remote blob store the uploads go to, simulated: each {@link #put} takes 1 to 3 ms of
 * virtual time, drawn from the run's choices. It records what it stored and how many uploads it
 * ever saw at once, so the scenario can check both.
 */
final class ChunkStore {
    private final List<String> stored = new ArrayList<>();
    private int inFlight;
    private int maxInFlight;

    /** Stores {@code chunk}; completes once it is stored. */
    Future<Void> put(String chunk) {
        return async(a -> {
            inFlight++;
            maxInFlight = Math.max(maxInFlight, inFlight);
            try {
                a.sleep(Duration.ofMillis(a.runtime().choices().between(1, 3)));
                stored.add(chunk);
            } finally {
                inFlight--;
            }
            return null;
        });
    }

    /** The chunks stored so far, in the order they were stored. */
    List<String> stored() {
        return List.copyOf(stored);
    }

    /** The most uploads that were ever in flight at once. */
    int maxInFlight() {
        return maxInFlight;
    }
}
