package dev.lockstep.internal.generator;

/**
 * The virtual-thread backend: each generator's body runs on a virtual thread of its own, in strict
 * hand-off with the thread that resumes it (see {@link ThreadGenerator}). Works on every JDK 21+,
 * with no flags; each suspend and resume costs a park and an unpark on each side.
 */
final class ThreadBackend implements GeneratorFactory {
    /** The backend's name, also the value of {@code -Dlockstep.generator} that forces it. */
    static final String NAME = "thread";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Generator create(String name, Runnable body) {
        return new ThreadGenerator(name, body);
    }

    @Override
    public String toString() {
        return "generator backend '" + NAME + "'";
    }
}
