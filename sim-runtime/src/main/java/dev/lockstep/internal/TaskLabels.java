package dev.lockstep.internal;

import java.security.CodeSource;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;

/**
 * What a task started on a user's behalf (by the virtual executor, by the interop adapters) is
 * named after: a name the user gave, or else the user code it runs for, as {@code Class.method}
 * of the first stack frame outside the JDK, Guava and the Lockstep runtime (a lambda's synthetic
 * method {@code lambda$attempt$3} reads as {@code attempt}, so a lambda is named after the method
 * it is written in).
 *
 * <h2>Which code</h2>
 * {@link #callSite()} reads the stack where it is called, so it is called where the user's code
 * hands over what the task will run: a submission to the executor, a {@code toCompletableFuture},
 * the registration of an async stage. A command that is run later from elsewhere (a stage run when
 * its source completes) carries the site read at registration ({@link #onBehalfOf}).
 *
 * <h2>Determinism</h2>
 * A label depends only on the code path that produced it and on names the user gave, which are
 * the same on every run of the same choices; it holds no identity hash code and no hidden class
 * name (a lambda's class is {@code Foo$$Lambda/0x...}, an address that varies between JVMs).
 */
public final class TaskLabels {
    private static final StackWalker WALKER = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);
    private static final CodeSource RUNTIME = codeSource(TaskLabels.class);

    private TaskLabels() {}

    /**
     * A command carrying how its task is named.
     *
     * @param name  the user's name of the task, or the call site it runs on behalf of
     * @param site  whether {@code name} is a call site (the executor then adds its own
     *              {@code /<executor>-<n>}) rather than the whole name
     */
    public record Named<V>(String name, boolean site, Callable<V> command) implements Callable<V> {
        public Named {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(command, "command");
        }

        @Override
        public V call() throws Exception {
            return command.call();
        }
    }

    /** As {@link Named}, for a runnable. */
    public record NamedRunnable(String name, boolean site, Runnable command) implements Runnable {
        public NamedRunnable {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(command, "command");
        }

        @Override
        public void run() {
            command.run();
        }

        /** This runnable as a callable returning {@code result}, keeping its name. */
        public <V> Named<V> toCallable(V result) {
            return new Named<>(name, site, Executors.callable(command, result));
        }
    }

    /** {@code command}, run on behalf of the code at {@code site} (a {@link #callSite()} read earlier). */
    public static Runnable onBehalfOf(String site, Runnable command) {
        return command instanceof NamedRunnable ? command : new NamedRunnable(site, true, command);
    }

    /**
     * The name of the task that runs {@code command}, the {@code seq}-th of the executor
     * {@code executor}: the user's name if it carries one, else {@code Class.method/<executor>-<seq>}
     * of the site it carries or, failing that, of the code calling this now.
     */
    public static String taskName(Callable<?> command, String executor, long seq) {
        if (command instanceof Named<?> n && !n.site()) {
            return n.name();
        }
        String site = command instanceof Named<?> n ? n.name() : callSite();
        return site + "/" + executor + "-" + seq;
    }

    /** {@code Class.method} of the code calling this now, or {@code "?"} if every frame is infrastructure. */
    public static String callSite() {
        return WALKER.walk(frames -> frames
                .filter(f -> !isInfrastructure(f.getDeclaringClass()))
                .findFirst()
                .map(f -> simpleName(f.getDeclaringClass()) + "." + methodName(f.getMethodName()))
                .orElse("?"));
    }

    private static boolean isInfrastructure(Class<?> c) {
        String n = c.getName();
        if (n.startsWith("java.") || n.startsWith("jdk.") || n.startsWith("sun.")
                || n.startsWith("com.google.common.")) {
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
