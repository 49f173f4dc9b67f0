package dev.lockstep.time;

import java.security.CodeSource;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * What a task of the virtual executor is named after: a name the user gave with
 * {@link VirtualScheduledExecutor#named}, or else the code that submitted it, as
 * {@code Class.method} of the first stack frame outside the JDK and the Lockstep runtime (a
 * lambda's synthetic method {@code lambda$attempt$3} reads as {@code attempt}).
 *
 * <h2>Determinism</h2>
 * The label depends only on the code path that submitted the task, which is the same on every
 * run of the same choices.
 */
final class TaskLabels {
    private static final StackWalker WALKER = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);
    private static final CodeSource RUNTIME = codeSource(TaskLabels.class);

    private TaskLabels() {}

    /** A command carrying the name its task gets. */
    record Named<V>(String name, Callable<V> command) implements Callable<V> {
        @Override
        public V call() throws Exception {
            return command.call();
        }
    }

    /** A runnable carrying the name its task gets. */
    record NamedRunnable(String name, Runnable command) implements Runnable {
        @Override
        public void run() {
            command.run();
        }
    }

    /** The user's name of {@code command}, or empty. */
    static Optional<String> given(Callable<?> command) {
        return command instanceof Named<?> n ? Optional.of(n.name()) : Optional.empty();
    }

    /** {@code Class.method} of the code submitting a task now, or {@code "?"} if every frame is infrastructure. */
    static String callSite() {
        return WALKER.walk(frames -> frames
                .filter(f -> !isInfrastructure(f.getDeclaringClass()))
                .findFirst()
                .map(f -> simpleName(f.getDeclaringClass()) + "." + methodName(f.getMethodName()))
                .orElse("?"));
    }

    private static boolean isInfrastructure(Class<?> c) {
        String n = c.getName();
        if (n.startsWith("java.") || n.startsWith("jdk.") || n.startsWith("sun.") || n.startsWith("com.google.common.")) {
            return true;
        }
        CodeSource cs = codeSource(c);
        return RUNTIME != null && cs != null && RUNTIME.getLocation() != null
                && RUNTIME.getLocation().equals(cs.getLocation());
    }

    private static String simpleName(Class<?> c) {
        String s = c.getName();
        s = s.substring(s.lastIndexOf('.') + 1);
        return s.substring(s.lastIndexOf('$') + 1).isEmpty() ? s : s.substring(s.lastIndexOf('$') + 1);
    }

    private static String methodName(String m) {
        if (m.startsWith("lambda$")) {
            String[] parts = m.split("\\$");
            return parts.length >= 2 && !parts[1].isEmpty() ? parts[1] : m;
        }
        return m;
    }

    private static CodeSource codeSource(Class<?> c) {
        return c.getProtectionDomain() == null ? null : c.getProtectionDomain().getCodeSource();
    }
}
