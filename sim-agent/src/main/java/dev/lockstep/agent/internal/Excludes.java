package dev.lockstep.agent.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * Which classes are never rewritten: the JDK's, Lockstep's own, Byte Buddy's, the test
 * frameworks' (JUnit, opentest4j, Surefire, Gradle's test worker), and the prefixes
 * of the system property {@value #PROPERTY} (comma-separated, such as
 * {@code com.example.metrics.,org.acme.Clock}).
 *
 * <h2>Values</h2>
 * Immutable; prefixes are compared against binary class names with dots ({@code a.b.C}).
 */
final class Excludes {
    /** The system property with the user's prefixes. */
    static final String PROPERTY = "lockstep.agent.exclude";
    // Besides the JDK, Lockstep and Byte Buddy: the test frameworks, whose code runs around a
    // simulation and never inside one (and whose hundreds of loaded classes would otherwise be
    // scanned on every self-attach).
    private static final List<String> ALWAYS = List.of("java.", "javax.crypto.", "jdk.", "sun.", "com.sun.",
            "dev.lockstep.", "net.bytebuddy.", "org.junit.", "org.opentest4j.", "org.apiguardian.",
            "org.apache.maven.surefire.", "org.gradle.");

    private final List<String> prefixes;

    Excludes(List<String> prefixes) {
        this.prefixes = List.copyOf(prefixes);
    }

    static Excludes fromSystemProperty() {
        List<String> all = new ArrayList<>(ALWAYS);
        String extra = System.getProperty(PROPERTY, "");
        for (String p : extra.split(",")) {
            if (!p.isBlank()) {
                all.add(p.trim());
            }
        }
        return new Excludes(all);
    }

    /** Whether the class named {@code dotted} (such as {@code a.b.C}) is left alone. */
    boolean excludes(String dotted) {
        for (String p : prefixes) {
            if (dotted.startsWith(p)) {
                return true;
            }
        }
        return false;
    }
}
