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
 * The handles are immutable; a backend holds no other state.
 */
final class ContinuationBackend implements GeneratorFactory {
    /** The backend's name, also the value of {@code -Dlockstep.generator} that forces it. */
    static final String NAME = "continuation";

    /** {@code new ContinuationScope(String)}, as {@code (String)Object}. */
    private final MethodHandle newScope;
    /** {@code new Continuation(ContinuationScope, Runnable)}, as {@code (Object,Runnable)Object}. */
    private final MethodHandle newContinuation;
    /** {@code continuation.run()}, as {@code (Object)void}. */
    private final MethodHandle run;
    /** {@code Continuation.yield(scope)}, as {@code (Object)boolean}. */
    private final MethodHandle yield;
    /** {@code continuation.isDone()}, as {@code (Object)boolean}. */
    private final MethodHandle isDone;

    private ContinuationBackend() throws ReflectiveOperationException {
        // Our own lookup: the export is qualified (to unnamed modules), which publicLookup() does not see.
        MethodHandles.Lookup lookup = MethodHandles.lookup();
        Class<?> scopeClass = Class.forName("jdk.internal.vm.ContinuationScope");
        Class<?> contClass = Class.forName("jdk.internal.vm.Continuation");
        MethodType generic = MethodType.methodType(Object.class, Object.class);
        newScope = lookup.findConstructor(scopeClass, MethodType.methodType(void.class, String.class))
                .asType(MethodType.methodType(Object.class, String.class));
        newContinuation = lookup.findConstructor(contClass,
                        MethodType.methodType(void.class, scopeClass, Runnable.class))
                .asType(MethodType.methodType(Object.class, Object.class, Runnable.class));
        run = lookup.findVirtual(contClass, "run", MethodType.methodType(void.class))
                .asType(MethodType.methodType(void.class, Object.class));
        yield = lookup.findStatic(contClass, "yield", MethodType.methodType(boolean.class, scopeClass))
                .asType(MethodType.methodType(boolean.class, Object.class));
        isDone = lookup.findVirtual(contClass, "isDone", MethodType.methodType(boolean.class))
                .asType(generic.changeReturnType(boolean.class));
    }

    /**
     * The backend, if this JVM allows it; otherwise an exception whose message says why.
     *
     * @throws UnsupportedOperationException if {@code jdk.internal.vm} is not exported to this
     *     code or a test continuation does not suspend and resume
     */
    static ContinuationBackend probe() {
        ContinuationBackend backend;
        try {
            backend = new ContinuationBackend();
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            throw new UnsupportedOperationException("jdk.internal.vm.Continuation is not accessible (" + e + ")", e);
        }
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
            return (Object) newScope.invokeExact(name);
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    Object newContinuation(Object scope, Runnable body) {
        try {
            return (Object) newContinuation.invokeExact(scope, body);
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    void run(Object continuation) {
        try {
            run.invokeExact(continuation);
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    void yield(Object scope) {
        try {
            boolean ignored = (boolean) yield.invokeExact(scope);
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    boolean isDone(Object continuation) {
        try {
            return (boolean) isDone.invokeExact(continuation);
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
