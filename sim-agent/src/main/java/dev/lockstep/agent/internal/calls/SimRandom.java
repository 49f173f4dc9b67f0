package dev.lockstep.agent.internal.calls;

import dev.lockstep.internal.edge.EdgeRun;
import java.util.Random;

/**
 * What a rewritten {@code new Random()} creates: on a simulation's thread (under
 * {@code VIRTUALIZE}) a {@code Random} seeded from the run's choices, so it replays with the run;
 * elsewhere exactly {@code new Random()}. {@code new Random(seed)} is left as it is. It is a plain {@code Random} in every other respect.
 */
public class SimRandom extends Random {
    private static final long serialVersionUID = 1L;

    public SimRandom(int site) {
        super();
        EdgeRun r = Sites.virtualizing(site);
        if (r != null) {
            setSeed(r.nextSeed());
        }
    }

    /** {@code new Random(seed)}: already reproducible, so exactly that. */
    public SimRandom(long seed, int site) {
        super(seed);
    }
}
