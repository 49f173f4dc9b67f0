package dev.lockstep.agent.internal;

import dev.lockstep.internal.generator.Generators;
import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.lang.instrument.UnmodifiableClassException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Installs the agent into a JVM, once: the exports that let Lockstep use
 * {@code jdk.internal.vm.Continuation}, the class-file transformer, and the retransformation of
 * the classes that were loaded before it.
 *
 * <h2>Static state</h2>
 * The instrumentation and how the agent was attached, written once under a lock and never
 * changed; read from any thread.
 */
public final class Installer {
    private static final Object LOCK = new Object();
    private static volatile String how = "";
    /** How many loaded classes the installation rewrote again; for the benchmarks and tests. */
    private static volatile int retransformed;
    /** Real nanoseconds the installation took; for the benchmarks. */
    private static volatile long installNanos;

    private Installer() {
    }

    /** Installs the agent with {@code inst}, unless it is installed already. */
    public static void install(Instrumentation inst, String attachedHow) {
        synchronized (LOCK) {
            if (installed()) {
                return;
            }
            long start = System.nanoTime();
            exportContinuations(inst);
            CallSiteTransformer transformer = new CallSiteTransformer(Excludes.fromSystemProperty());
            inst.addTransformer(transformer, true);
            how = attachedHow;
            if (inst.isRetransformClassesSupported()) {
                retransformed = retransformLoaded(inst, transformer);
            }
            installNanos = System.nanoTime() - start;
        }
    }

    /** Whether the agent is installed. */
    public static boolean installed() {
        return !how.isEmpty();
    }

    /** {@code "-javaagent"}, {@code "self-attached"}, or empty. */
    public static String how() {
        return how;
    }

    /** How many already loaded classes the installation rewrote. */
    public static int retransformedClasses() {
        return retransformed;
    }

    /** How long the installation took, in real nanoseconds. */
    public static long installNanos() {
        return installNanos;
    }

    // The agent also opens java.util to itself, to read and set the state of TimerTasks it
    // schedules in virtual time (RoutingTimer).
    // The continuation backend of async bodies needs java.base to export jdk.internal.vm to
    // Lockstep; an agent may add that export at run time, so users of the agent get the fast
    // backend without a command-line flag. It must happen before the first async body picks its
    // backend (Generators decides once per JVM).
    private static void exportContinuations(Instrumentation inst) {
        Module base = Object.class.getModule();
        Set<Module> targets = new HashSet<>(List.of(Generators.class.getModule(),
                ClassLoader.getSystemClassLoader().getUnnamedModule()));
        try {
            inst.redefineModule(base, Set.of(), Map.of("jdk.internal.vm", targets),
                    Map.of("java.util", Set.of(Installer.class.getModule())), Set.of(), Map.of());
        } catch (RuntimeException e) {
            System.err.println("lockstep: could not export jdk.internal.vm to Lockstep (" + e
                    + "); async bodies use the virtual-thread backend");
        }
    }

    /**
     * Retransforms the loaded classes that the transformer would rewrite: their class files are
     * read from their loaders and scanned first, so classes without a rewritable call are left
     * alone.
     */
    private static int retransformLoaded(Instrumentation inst, CallSiteTransformer transformer) {
        List<Class<?>> candidates = new ArrayList<>();
        for (Class<?> c : inst.getAllLoadedClasses()) {
            ClassLoader loader = c.getClassLoader();
            if (c.isArray() || c.isPrimitive() || c.isHidden() || !transformer.appliesTo(loader, c.getName())
                    || !inst.isModifiableClass(c)) {
                continue;
            }
            byte[] bytes = classFile(loader, c.getName());
            if (bytes != null && Prescan.mayNeedRewrite(bytes)) {
                candidates.add(c);
            }
        }
        // One call for all: each retransformation is a VM operation that deoptimizes, so one batch
        // costs about as much as one class. Only if the batch fails is each class tried alone.
        try {
            inst.retransformClasses(candidates.toArray(Class<?>[]::new));
            return candidates.size();
        } catch (UnmodifiableClassException | RuntimeException | LinkageError e) {
            // fall through: find the classes that cannot be rewritten
        }
        int done = 0;
        for (Class<?> c : candidates) {
            try {
                inst.retransformClasses(c);
                done++;
            } catch (UnmodifiableClassException | RuntimeException | LinkageError e) {
                System.err.println("lockstep: could not rewrite the already loaded " + c.getName() + " (" + e + ")");
            }
        }
        return done;
    }

    private static byte[] classFile(ClassLoader loader, String name) {
        try (InputStream in = loader.getResourceAsStream(name.replace('.', '/') + ".class")) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            return null;
        }
    }
}
