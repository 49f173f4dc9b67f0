package dev.lockstep.property;

import dev.lockstep.runtime.Simulation;
import dev.lockstep.runtime.TaskFailedException;
import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What makes two failures "the same failure" while shrinking: the exception types and, for an
 * assertion, where it failed.
 *
 * <h2>Types</h2>
 * The failure's class, followed by the classes of the exceptions it wraps when it is a wrapper:
 * a {@link TaskFailedException} (a task threw, and its handle or {@code blockOn} reported it) or an
 * {@link InvocationTargetException}. So "task 'reader' failed with an AssertionError" and "task
 * 'reader' failed with an IllegalStateException" differ, and a shrink never trades one for the
 * other.
 *
 * <h2>Location</h2>
 * For a failure whose innermost type is an {@link AssertionError} (JUnit's, opentest4j's, a plain
 * {@code assert}), the first stack frame that is not infrastructure: not the JDK, not JUnit,
 * opentest4j, AssertJ, Hamcrest or Truth, and not a class of the Lockstep libraries themselves
 * (recognised by being loaded from the same jar or directory as {@code Simulation} or
 * {@code Property}). That is the line of the user's assertion. Other failures have no location:
 * their type is the whole signature.
 *
 * @param types    the failure's class name, then those of the exceptions it wraps
 * @param location {@code class.method(File:line)} of the failing assertion, or empty
 */
public record FailureSignature(List<String> types, String location) {

    public FailureSignature {
        types = List.copyOf(types);
        Objects.requireNonNull(location, "location");
        if (types.isEmpty()) {
            throw new IllegalArgumentException("a failure signature names at least one exception type");
        }
    }

    /** The signature of {@code failure}. */
    public static FailureSignature of(Throwable failure) {
        Objects.requireNonNull(failure, "failure");
        List<String> types = new ArrayList<>();
        Throwable t = failure;
        while (true) {
            types.add(t.getClass().getName());
            boolean wrapper = t instanceof TaskFailedException || t instanceof InvocationTargetException;
            if (!wrapper || t.getCause() == null || types.size() > 16) {
                break;
            }
            t = t.getCause();
        }
        return new FailureSignature(types, t instanceof AssertionError ? location(t) : "");
    }

    /** The first non-infrastructure frame of {@code t}, or empty if every frame is infrastructure. */
    static String location(Throwable t) {
        for (StackTraceElement frame : t.getStackTrace()) {
            if (!isInfrastructure(frame.getClassName())) {
                return frame.getClassName() + "." + frame.getMethodName() + "(" + frame.getFileName() + ":"
                        + frame.getLineNumber() + ")";
            }
        }
        return "";
    }

    private static boolean isInfrastructure(String className) {
        for (String prefix : List.of("java.", "jdk.", "sun.", "com.sun.", "org.junit.", "org.opentest4j.",
                "org.assertj.", "org.hamcrest.", "com.google.common.truth.")) {
            if (className.startsWith(prefix)) {
                return true;
            }
        }
        return className.startsWith("dev.lockstep.") && isLockstepLibraryClass(className);
    }

    private static boolean isLockstepLibraryClass(String className) {
        // A lambda's hidden class (Foo$$Lambda/0x..) cannot be loaded by name; its host can.
        int lambda = className.indexOf("$$Lambda");
        String name = lambda >= 0 ? className.substring(0, lambda) : className;
        URL where = codeLocation(name);
        return where != null && (where.equals(codeLocation(Simulation.class)) || where.equals(codeLocation(Property.class)));
    }

    private static URL codeLocation(String className) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        for (ClassLoader l : new ClassLoader[] {loader, FailureSignature.class.getClassLoader()}) {
            if (l == null) {
                continue;
            }
            try {
                return codeLocation(Class.forName(className, false, l));
            } catch (ClassNotFoundException | LinkageError e) {
                // Try the next loader; an unknown class counts as user code.
            }
        }
        return null;
    }

    private static URL codeLocation(Class<?> type) {
        CodeSource source = type.getProtectionDomain().getCodeSource();
        return source == null ? null : source.getLocation();
    }

    /** {@code AssertionError at Foo.bar(Foo.java:12)}, or the type chain. */
    @Override
    public String toString() {
        String chain = String.join(" caused by ", types.stream().map(FailureSignature::simpleName).toList());
        return location.isEmpty() ? chain : chain + " at " + location;
    }

    private static String simpleName(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }
}
