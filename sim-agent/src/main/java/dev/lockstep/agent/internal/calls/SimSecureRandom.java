package dev.lockstep.agent.internal.calls;

import dev.lockstep.internal.edge.EdgeRun;
import java.security.SecureRandom;
import java.util.SplittableRandom;

/**
 * What a rewritten {@code new SecureRandom()} creates: on a simulation's thread (under
 * {@code VIRTUALIZE}) its bytes come from a stream seeded from the run's choices, so it replays
 * with the run (and is, of course, not secure); elsewhere it is exactly {@code new SecureRandom()}.
 */
public class SimSecureRandom extends SecureRandom {
    private static final long serialVersionUID = 1L;
    /** The run's stream, or null when created outside a simulation. */
    private final transient SplittableRandom virtual;

    public SimSecureRandom(int site) {
        super();
        EdgeRun r = Sites.virtualizing(site);
        this.virtual = r == null ? null : new SplittableRandom(r.nextSeed());
    }

    /** {@code new SecureRandom(seed)}: virtualized as the unseeded one, since its provider adds real entropy. */
    public SimSecureRandom(byte[] seed, int site) {
        super(seed);
        EdgeRun r = Sites.virtualizing(site);
        this.virtual = r == null ? null : new SplittableRandom(r.nextSeed());
    }

    @Override
    public void nextBytes(byte[] bytes) {
        if (virtual == null) {
            super.nextBytes(bytes);
        } else {
            synchronized (virtual) {
                RandomCalls.fill(virtual, bytes);
            }
        }
    }

    @Override
    public byte[] generateSeed(int numBytes) {
        if (virtual == null) {
            return super.generateSeed(numBytes);
        }
        byte[] seed = new byte[numBytes];
        nextBytes(seed);
        return seed;
    }
}
