package dev.lockstep.property;

import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Function;

/**
 * The build tool running the tests, so that a failure report prints commands the developer can
 * paste, and the failure store lands in the tool's build directory.
 *
 * <h2>Detection</h2>
 * The setting {@code lockstep.build.tool} (system property or JUnit configuration parameter) or
 * {@code LOCKSTEP_BUILD_TOOL} ({@code maven} or {@code gradle}) wins. Otherwise a test JVM that
 * Gradle started is recognised by the system property {@code org.gradle.test.worker}, which every
 * Gradle test worker has, or by Gradle's worker main class in {@code sun.java.command}; anything
 * else is taken for Maven.
 */
public enum BuildTool {
    /** Maven (surefire): {@code mvn test -Dtest='Class#method'}, build directory {@code target}. */
    MAVEN("target"),
    /** Gradle: {@code ./gradlew test --tests 'Class.method'}, build directory {@code build}. */
    GRADLE("build");

    private final String buildDirectory;

    BuildTool(String buildDirectory) {
        this.buildDirectory = buildDirectory;
    }

    /** The tool of this JVM, from its system properties and environment. */
    public static BuildTool current() {
        return detect(System::getProperty, System::getenv);
    }

    /** The tool named by the setting, else the one {@code properties} show to be running; see the class. */
    public static BuildTool detect(Function<String, String> properties, Function<String, String> environment) {
        String named = properties.apply("lockstep.build.tool");
        if (named == null || named.isBlank()) {
            named = environment.apply("LOCKSTEP_BUILD_TOOL");
        }
        if (named != null && !named.isBlank()) {
            return parse(named);
        }
        String command = properties.apply("sun.java.command");
        boolean gradle = properties.apply("org.gradle.test.worker") != null
                || (command != null && command.contains("org.gradle.process.internal.worker.GradleWorkerMain"));
        return gradle ? GRADLE : MAVEN;
    }

    /**
     * {@code maven} or {@code gradle}, in any case.
     *
     * @throws IllegalArgumentException for anything else, naming both
     */
    public static BuildTool parse(String text) {
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "maven", "mvn" -> MAVEN;
            case "gradle" -> GRADLE;
            default -> throw new IllegalArgumentException("unknown build tool '" + text.strip()
                    + "': expected maven or gradle");
        };
    }

    /** The tool's build directory, relative to the module: {@code target} or {@code build}. */
    public String buildDirectory() {
        return buildDirectory;
    }

    /** Where failure stores go unless {@code lockstep.store.dir} says otherwise: {@code <build dir>/lockstep}. */
    public Path defaultStoreRoot() {
        return Path.of(buildDirectory, "lockstep");
    }

    /**
     * The command that runs one test with a system property set, for a test named
     * {@code Class#method} (or just {@code Class}).
     */
    public String testCommand(String test, String property, String value) {
        return switch (this) {
            case MAVEN -> "mvn test -Dtest='" + test + "' -D" + property + "=" + value;
            case GRADLE -> "./gradlew test --tests '" + test.replace('#', '.') + "' -D" + property + "=" + value;
        };
    }

    /** The command that runs one test with an environment variable set. */
    public String testCommandWithEnvironment(String test, String variable, String value) {
        return switch (this) {
            case MAVEN -> variable + "=" + value + " mvn test -Dtest='" + test + "'";
            case GRADLE -> variable + "=" + value + " ./gradlew test --tests '" + test.replace('#', '.') + "'";
        };
    }
}
