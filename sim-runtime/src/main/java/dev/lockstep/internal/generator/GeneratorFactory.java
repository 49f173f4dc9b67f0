package dev.lockstep.internal.generator;

/**
 * Makes {@link Generator}s of one backend. Obtain one from {@link Generators}.
 *
 * <p>Installing a factory as a runtime service ({@code sim.install(GeneratorFactory.class, f)})
 * makes every async body first polled on that runtime use it, whatever the JVM's default; the
 * project's tests use this to run one scenario on both backends in one JVM.
 */
public interface GeneratorFactory {

    /** The backend's name: {@code "continuation"} or {@code "thread"}. */
    String name();

    /**
     * A new generator over {@code body}; nothing runs until its first {@link Generator#resume}.
     *
     * @param name what the body is, for thread names and error messages
     */
    Generator create(String name, Runnable body);
}
