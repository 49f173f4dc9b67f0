package dev.lockstep.internal.generator;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * The {@code jdk.internal.vm.Continuation} backend: the JDK's own one-shot delimited
 * continuations, the machinery under virtual threads, used directly. A body runs on the thread
 * that resumes it and suspends by unmounting its frames to the heap, with no thread switch.
 *
 * <p>The class is internal to {@code java.base}, so it is reached reflectively, through method
 * handles, and only when the JVM exports it to unnamed modules
 * ({@code --add-exports java.base/jdk.internal.vm=ALL-UNNAMED}); nothing refers to it at compile
 * time. {@link #probe()} looks the handles up and runs a continuation that suspends once; any
 * failure means the backend is unavailable, and says why.
 *
 * <h2>Determinism</h2>
 * The handles are immutable static constants; a backend holds no state.
 */
final class ContinuationBackend implements GeneratorFactory {
    /** The backend's name, also the value of {@code -Dlockstep.generator} that forces it. */
    static final String NAME = "continuation";

    // The handles are static finals, which the JIT treats as constants and inlines: kept in
    // instance fields they cost 30-40 ns per await (an indirect call each). They are looked up
    // once, when the backend is first probed; a failure leaves them null and says why.
    /** {@code new ContinuationScope(String)}, as {@code (String)Object}. */
    private static final MethodHandle NEW_SCOPE;
    /** {@code new Continuation(ContinuationScope, Runnable)}, as {@code (Object,Runnable)Object}. */
    private static final MethodHandle NEW_CONTINUATION;
    /** {@code continuation.run()}, as {@code (Object)void}. */
    private static final MethodHandle RUN;
    /** {@code Continuation.yield(scope)}, as {@code (Object)boolean}. */
    private static final MethodHandle YIELD;
    /** Why the handles could not be looked up; {@code null} if they were. */
    private static final Throwable LOOKUP_FAILURE;

    static {
        MethodHandle[] h = new MethodHandle[4];
        Throwable failure = null;
        try {
            // Our own lookup: the export is qualified (to unnamed modules), which publicLookup() does not see.
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            Class<?> scopeClass = Class.forName("jdk.internal.vm.ContinuationScope");
            Class<?> contClass = Class.forName("jdk.internal.vm.Continuation");
            h[0] = lookup.findConstructor(scopeClass, MethodType.methodType(void.class, String.class))
                    .asType(MethodType.methodType(Object.class, String.class));
            h[1] = lookup.findConstructor(contClass, MethodType.methodType(void.class, scopeClass, Runnable.class))
                    .asType(MethodType.methodType(Object.class, Object.class, Runnable.class));
            h[2] = lookup.findVirtual(contClass, "run", MethodType.methodType(void.class))
                    .asType(MethodType.methodType(void.class, Object.class));
            h[3] = lookup.findStatic(contClass, "yield", MethodType.methodType(boolean.class, scopeClass))
                    .asType(MethodType.methodType(boolean.class, Object.class));
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            failure = e;
            java.util.Arrays.fill(h, null);
        }
        NEW_SCOPE = h[0];
        NEW_CONTINUATION = h[1];
        RUN = h[2];
        YIELD = h[3];
        LOOKUP_FAILURE = failure;
    }

    private ContinuationBackend() {}

    /**
     * The backend, if this JVM allows it; otherwise an exception whose message says why.
     *
     * @throws UnsupportedOperationException if {@code jdk.internal.vm} is not exported to this
     *     code or a test continuation does not suspend and resume
     */
    static ContinuationBackend probe() {
        if (LOOKUP_FAILURE != null) {
            throw new UnsupportedOperationException("jdk.internal.vm.Continuation is not accessible ("
                    + LOOKUP_FAILURE + ")", LOOKUP_FAILURE);
        }
        ContinuationBackend backend = new ContinuationBackend();
        int[] steps = new int[1];
        Generator[] self = new Generator[1];
        self[0] = backend.create("probe", () -> {
            steps[0]++;
            self[0].suspend();
            steps[0]++;
        });
        try {
            boolean first = self[0].resume(null);
            boolean second = self[0].resume(null);
            if (first || !second || steps[0] != 2) {
                throw new UnsupportedOperationException("a test continuation did not suspend and resume"
                        + " (ended after the first resume: " + first + ", steps: " + steps[0] + ")");
            }
        } catch (RuntimeException | Error e) {
            if (e instanceof UnsupportedOperationException u) {
                throw u;
            }
            throw new UnsupportedOperationException("a test continuation failed: " + e, e);
        }
        return backend;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Generator create(String name, Runnable body) {
        return new ContinuationGenerator(this, name, body);
    }

    Object newScope(String name) {
        try {
            return (Object) NEW_SCOPE.invokeExact(name);
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    Object newContinuation(Object scope, Runnable body) {
        try {
            return (Object) NEW_CONTINUATION.invokeExact(scope, body);
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    void run(Object continuation) {
        try {
            RUN.invokeExact(continuation);
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    void yield(Object scope) {
        try {
            boolean ignored = (boolean) YIELD.invokeExact(scope);
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    /** Unchecked throwables pass through; a checked one (none is declared) is wrapped. */
    private static RuntimeException rethrow(Throwable e) {
        if (e instanceof RuntimeException r) {
            throw r;
        }
        if (e instanceof Error err) {
            throw err;
        }
        throw new IllegalStateException(e);
    }

    @Override
    public String toString() {
        return "generator backend '" + NAME + "'";
    }
}
