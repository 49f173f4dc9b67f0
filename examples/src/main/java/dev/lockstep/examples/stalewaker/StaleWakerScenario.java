package dev.lockstep.examples.stalewaker;

import dev.lockstep.examples.Scenario;
import dev.lockstep.examples.Variant;
import dev.lockstep.fault.FaultKind;
import dev.lockstep.fault.FaultPlan;
import dev.lockstep.future.Futures;
import dev.lockstep.future.JoinHandle;
import dev.lockstep.runtime.Simulation;
import java.util.ArrayList;
import java.util.List;

/**
 * Three uploaders share an {@link UploadLimiter} with one permit, each uploading two chunks of its
 * own file. Properties: every chunk is stored, and never two at once.
 *
 * <p>Run under the {@code fresh-waker} fault at 0.5 (the executor polls with a new waker half the
 * time, as it may): the buggy limiter's permit future keeps the waker of its first poll, so a
 * permit handed over through it wakes nobody and the run ends in a deadlock the simulation names a
 * stale waker. Without the fault the bug never shows.
 */
public final class StaleWakerScenario implements Scenario {
    static final int UPLOADERS = 3;
    static final int CHUNKS = 2;
    static final int PERMITS = 1;
    /** The fault that exposes the bug; every poll draws it. */
    static final FaultPlan PLAN = FaultPlan.only(FaultKind.FRESH_WAKER, 0.5);

    @Override
    public String name() {
        return "stale-waker";
    }

    @Override
    public String summary() {
        return "an upload limiter whose permit future keeps the waker of its first poll (stale waker)";
    }

    @Override
    public int budget() {
        return 10;
    }

    @Override
    public Simulation.Builder configure(Simulation.Builder builder) {
        return builder.faults(PLAN);
    }

    @Override
    public void run(Simulation sim, Variant variant) {
        UploadLimiter limiter = new UploadLimiter(PERMITS, variant == Variant.BUGGY);
        ChunkStore store = new ChunkStore();
        Uploader uploader = new Uploader(limiter, store);
        List<JoinHandle<Integer>> uploads = new ArrayList<>();
        for (int u = 0; u < UPLOADERS; u++) {
            uploads.add(sim.spawn("uploader-" + u, uploader.upload("file-" + u, CHUNKS)));
        }
        sim.blockOn(Futures.joinAll(uploads));
        List<String> stored = store.stored();
        if (stored.size() != UPLOADERS * CHUNKS) {
            throw new AssertionError("expected " + UPLOADERS * CHUNKS + " chunks stored, got " + stored);
        }
        if (store.maxInFlight() > PERMITS) {
            throw new AssertionError(store.maxInFlight() + " uploads ran at once with " + PERMITS + " permit(s)");
        }
        if (limiter.available() != PERMITS) {
            throw new AssertionError("a permit leaked: " + limiter.available() + " of " + PERMITS + " free at the end");
        }
    }
}
