package dev.lockstep.internal.generator;

import java.util.Optional;

/**
 * Chooses the generator backend of this JVM.
 *
 * <h2>Selection</h2>
 * The system property {@value #PROPERTY} decides:
 * <ul>
 *   <li>unset, empty or {@code auto}: {@code continuation} if the JVM was started with
 *       {@value #ENABLING_FLAG}, otherwise {@code thread}, with a one-time warning on
 *       {@code System.err} that names that flag;
 *   <li>{@code continuation}: that backend, or an {@link IllegalStateException} on every use if
 *       the JVM does not allow it (the message says why and names the flag);
 *   <li>{@code thread}: the virtual-thread backend, without a warning.
 * </ul>
 * Availability is detected by trying: looking up the continuation API and running a continuation
 * that suspends once.
 *
 * <h2>Static state</h2>
 * The choice is made once per JVM, the first time an async body is first polled, and the warning
 * is printed at that moment: this is Lockstep's one piece of static state (an immutable choice
 * and a message printed once), so the property must be set before then. A runtime that carries a
 * {@link GeneratorFactory} service overrides the choice for the bodies it polls.
 */
public final class Generators {
    /** The system property that forces a backend: {@code continuation}, {@code thread} or {@code auto}. */
    public static final String PROPERTY = "lockstep.generator";
    /** The JVM flag that makes the continuation backend available. */
    public static final String ENABLING_FLAG = "--add-exports java.base/jdk.internal.vm=ALL-UNNAMED";

    private Generators() {
    }

    /**
     * The backend chosen for this JVM (see the class comment).
     *
     * @throws IllegalStateException if {@value #PROPERTY} forces a backend this JVM cannot run, or
     *     has a value other than {@code continuation}, {@code thread} or {@code auto}
     */
    public static GeneratorFactory defaultFactory() {
        return Chosen.SELECTION.factory();
    }

    /** The virtual-thread backend, always available. */
    public static GeneratorFactory threads() {
        return new ThreadBackend();
    }

    /** The continuation backend if this JVM allows it (detected once per JVM), else empty. */
    public static Optional<GeneratorFactory> continuations() {
        return Optional.ofNullable(Chosen.CONTINUATIONS);
    }

    /** Why the continuation backend is unavailable in this JVM, or empty if it is available. */
    public static Optional<String> continuationsUnavailableBecause() {
        return Optional.ofNullable(Chosen.UNAVAILABLE_BECAUSE);
    }

    /**
     * The selection for a property value, given whether continuations are available: the pure
     * function behind {@link #defaultFactory()}.
     *
     * @param property          the value of {@value #PROPERTY}, or null
     * @param continuations     the continuation backend, or null if unavailable
     * @param unavailableReason why it is unavailable (used when {@code continuations} is null)
     */
    static GeneratorSelection select(String property, GeneratorFactory continuations, String unavailableReason) {
        String value = property == null ? "" : property.trim();
        switch (value) {
            case "", "auto" -> {
                if (continuations != null) {
                    return GeneratorSelection.of(continuations, null);
                }
                return GeneratorSelection.of(threads(), "lockstep: async bodies run on the virtual-thread generator"
                        + " backend (a thread hand-off per suspend). Start the JVM with " + ENABLING_FLAG
                        + " to use the faster jdk.internal.vm.Continuation backend, or set -D" + PROPERTY
                        + "=thread to choose this one and silence this warning.");
            }
            case ContinuationBackend.NAME -> {
                if (continuations != null) {
                    return GeneratorSelection.of(continuations, null);
                }
                return GeneratorSelection.failing("-D" + PROPERTY + "=continuation forces the"
                        + " jdk.internal.vm.Continuation generator backend, but this JVM does not allow it: "
                        + unavailableReason + ". Start the JVM with " + ENABLING_FLAG + ", or set -D" + PROPERTY
                        + "=thread (or auto)");
            }
            case ThreadBackend.NAME -> {
                return GeneratorSelection.of(threads(), null);
            }
            default -> {
                return GeneratorSelection.failing("-D" + PROPERTY + "='" + property + "' is not a generator"
                        + " backend: use continuation, thread or auto");
            }
        }
    }

    /**
     * The once-per-JVM choice, made when this class is first used (the JVM initializes it once).
     * Both fields are immutable.
     */
    private static final class Chosen {
        private static final GeneratorFactory CONTINUATIONS;
        private static final String UNAVAILABLE_BECAUSE;
        private static final GeneratorSelection SELECTION;

        static {
            GeneratorFactory found = null;
            String because = null;
            try {
                found = ContinuationBackend.probe();
            } catch (UnsupportedOperationException e) {
                because = e.getMessage();
            }
            CONTINUATIONS = found;
            UNAVAILABLE_BECAUSE = because;
            SELECTION = select(System.getProperty(PROPERTY), found, because);
            if (SELECTION.warning() != null) {
                System.err.println(SELECTION.warning());
            }
        }

        private Chosen() {
        }
    }
}
