package dev.lockstep.examples.stalewaker;

/** The right to run one upload, from {@link UploadLimiter#acquire()}; release it when done. */
public final class Permit {
    private final UploadLimiter limiter;
    private boolean released;

    Permit(UploadLimiter limiter) {
        this.limiter = limiter;
    }

    /** Gives the permit back to its limiter; a second call does nothing. */
    public void release() {
        if (!released) {
            released = true;
            limiter.release();
        }
    }
}
