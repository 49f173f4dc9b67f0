package dev.lockstep.contract;

import java.util.Objects;
import java.util.function.Predicate;

/**
 * What the future's value must satisfy: {@link FutureContract#expect} or
 * {@link FutureContract#expectThat}.
 *
 * @param description how reports name it: {@code "equal to 42"}, {@code "matching <description>"}
 * @param test        the check; it must not throw
 */
record Expectation<T>(String description, Predicate<? super T> test) {
    Expectation {
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(test, "test");
    }

    /** Any value: no expectation was given. */
    static <T> Expectation<T> any() {
        return new Expectation<>("any value", v -> true);
    }

    /** Equal to {@code value} ({@link Objects#equals}). */
    static <T> Expectation<T> equalTo(T value) {
        return new Expectation<>("equal to " + show(value), v -> Objects.equals(v, value));
    }

    /** {@code value} as reports print it: {@code String.valueOf}, cut after 200 characters. */
    static String show(Object value) {
        String s = value instanceof String str ? '"' + str + '"' : String.valueOf(value);
        return s.length() <= 200 ? s : s.substring(0, 200) + "... (" + s.length() + " characters)";
    }

    /**
     * Whether {@code value} meets the expectation.
     *
     * @throws IllegalStateException if the predicate threw, naming the value
     */
    boolean accepts(T value) {
        try {
            return test.test(value);
        } catch (RuntimeException e) {
            throw new IllegalStateException("the expectation (" + description + ") threw " + e + " for the value "
                    + show(value) + "; an expectation must return true or false", e);
        }
    }
}
