package dev.lockstep.internal.generator;

/**
 * The outcome of choosing a backend: the factory to use, or the error to report on every use; and
 * the warning to print once, if any.
 *
 * @param chosen  the backend, or null when the choice failed
 * @param error   why the choice failed, or null
 * @param warning the one-time warning to print, or null
 */
record GeneratorSelection(GeneratorFactory chosen, String error, String warning) {

    GeneratorSelection {
        if ((chosen == null) == (error == null)) {
            throw new IllegalArgumentException("exactly one of chosen and error must be set");
        }
    }

    static GeneratorSelection of(GeneratorFactory chosen, String warning) {
        return new GeneratorSelection(chosen, null, warning);
    }

    static GeneratorSelection failing(String error) {
        return new GeneratorSelection(null, error, null);
    }

    /**
     * The chosen backend.
     *
     * @throws IllegalStateException with {@link #error()} if the choice failed
     */
    GeneratorFactory factory() {
        if (chosen == null) {
            throw new IllegalStateException(error);
        }
        return chosen;
    }
}
