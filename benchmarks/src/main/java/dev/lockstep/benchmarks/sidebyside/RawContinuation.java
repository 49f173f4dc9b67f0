package dev.lockstep.benchmarks.sidebyside;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * The JDK's {@code jdk.internal.vm.Continuation}, reached through static-final method handles:
 * the floor of the await row. Needs {@code --add-exports java.base/jdk.internal.vm=ALL-UNNAMED};
 * {@link #available()} says whether this JVM has it.
 */
final class RawContinuation {
    private static final Object SCOPE;
    private static final MethodHandle NEW;
    private static final MethodHandle RUN;
    private static final MethodHandle YIELD;
    private static final MethodHandle IS_DONE;

    static {
        Object scope = null;
        MethodHandle[] h = new MethodHandle[4];
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            Class<?> scopeClass = Class.forName("jdk.internal.vm.ContinuationScope");
            Class<?> contClass = Class.forName("jdk.internal.vm.Continuation");
            scope = lookup.findConstructor(scopeClass, MethodType.methodType(void.class, String.class))
                    .invoke("side-by-side");
            h[0] = lookup.findConstructor(contClass, MethodType.methodType(void.class, scopeClass, Runnable.class))
                    .asType(MethodType.methodType(Object.class, Object.class, Runnable.class));
            h[1] = lookup.findVirtual(contClass, "run", MethodType.methodType(void.class))
                    .asType(MethodType.methodType(void.class, Object.class));
            h[2] = lookup.findStatic(contClass, "yield", MethodType.methodType(boolean.class, scopeClass))
                    .asType(MethodType.methodType(boolean.class, Object.class));
            h[3] = lookup.findVirtual(contClass, "isDone", MethodType.methodType(boolean.class))
                    .asType(MethodType.methodType(boolean.class, Object.class));
        } catch (Throwable e) {
            scope = null;
        }
        SCOPE = scope;
        NEW = h[0];
        RUN = h[1];
        YIELD = h[2];
        IS_DONE = h[3];
    }

    private final Object continuation;

    RawContinuation(Runnable body) {
        try {
            continuation = (Object) NEW.invokeExact(SCOPE, body);
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    static boolean available() {
        return SCOPE != null;
    }

    /** Runs until the next yield; returns whether the body finished. */
    boolean run() {
        try {
            RUN.invokeExact(continuation);
            return (boolean) IS_DONE.invokeExact(continuation);
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    /** Called from the body: suspends it. */
    static void yieldNow() {
        try {
            boolean ignored = (boolean) YIELD.invokeExact(SCOPE);
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }
}
