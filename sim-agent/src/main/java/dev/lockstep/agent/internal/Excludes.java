package dev.lockstep.agent.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Which classes are never rewritten: the JDK's, Lockstep's own, Byte Buddy's, the test
 * frameworks' (JUnit, opentest4j, Surefire, Gradle's test worker), the prefixes
 * of the system property {@value #PROPERTY} (comma-separated, such as
 * {@code com.example.metrics.,org.acme.Clock}), and every class defined by a class loader whose
 * name ({@link ClassLoader#getName()}) the system property {@value #LOADERS_PROPERTY} lists
 * (comma-separated, such as {@code plugin-loader,reference-copy}).
 *
 * <h2>Values</h2>
 * Immutable; prefixes are compared against binary class names with dots ({@code a.b.C}), loader
 * names exactly. Both properties are read once, when the agent is installed.
 */
final class Excludes {
    /** The system property with the user's prefixes. */
    static final String PROPERTY = "lockstep.agent.exclude";
    /** The system property with the names of class loaders whose classes are left alone. */
    static final String LOADERS_PROPERTY = "lockstep.agent.excludeLoaders";
    // Besides the JDK, Lockstep and Byte Buddy: the test frameworks, whose code runs around a
    // simulation and never inside one (and whose hundreds of loaded classes would otherwise be
    // scanned on every self-attach).
    private static final List<String> ALWAYS = List.of("java.", "javax.crypto.", "jdk.", "sun.", "com.sun.",
            "dev.lockstep.", "net.bytebuddy.", "org.junit.", "org.opentest4j.", "org.apiguardian.",
            "org.apache.maven.surefire.", "org.gradle.");

    private final List<String> prefixes;
    private final Set<String> loaderNames;

    Excludes(List<String> prefixes) {
        this(prefixes, Set.of());
    }

    Excludes(List<String> prefixes, Set<String> loaderNames) {
        this.prefixes = List.copyOf(prefixes);
        this.loaderNames = Set.copyOf(loaderNames);
    }

    static Excludes fromSystemProperty() {
        List<String> all = new ArrayList<>(ALWAYS);
        all.addAll(listed(PROPERTY));
        return new Excludes(all, new HashSet<>(listed(LOADERS_PROPERTY)));
    }

    private static List<String> listed(String property) {
        List<String> out = new ArrayList<>();
        for (String p : System.getProperty(property, "").split(",")) {
            if (!p.isBlank()) {
                out.add(p.trim());
            }
        }
        return out;
    }

    /** Whether the classes of {@code loader} (not null) are left alone because of its name. */
    boolean excludesLoader(ClassLoader loader) {
        String name = loader.getName();
        return name != null && !loaderNames.isEmpty() && loaderNames.contains(name);
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
