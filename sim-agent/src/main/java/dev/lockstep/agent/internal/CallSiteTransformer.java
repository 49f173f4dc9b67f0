package dev.lockstep.agent.internal;

import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.concurrent.atomic.AtomicBoolean;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassWriter;

/**
 * Rewrites the call sites of {@link Rules} in every class a user's class loader defines, except
 * the {@link Excludes}.
 *
 * <h2>What changes</h2>
 * Only method bodies: a matched call becomes a call of its handler with the site's number pushed
 * last, so a class keeps its shape and already loaded classes can be retransformed. Classes of the
 * boot and platform loaders (the JDK) are never touched: their calls are "JDK-internal uses" that
 * the agent does not see (docs/outside-world.md).
 *
 * <h2>Errors</h2>
 * A class that fails to rewrite is left as it was; the first such failure is printed once.
 */
final class CallSiteTransformer implements ClassFileTransformer {
    private final Excludes excludes;
    private final AtomicBoolean warned = new AtomicBoolean();

    CallSiteTransformer(Excludes excludes) {
        this.excludes = excludes;
    }

    /** Whether a class of {@code loader} named {@code dotted} may be rewritten. */
    boolean appliesTo(ClassLoader loader, String dotted) {
        return loader != null && loader != ClassLoader.getPlatformClassLoader() && !excludes.excludes(dotted)
                && !excludes.excludesLoader(loader);
    }

    @Override
    public byte[] transform(ClassLoader loader, String className, Class<?> redefined, ProtectionDomain domain,
            byte[] bytes) {
        if (className == null || !appliesTo(loader, className.replace('/', '.')) || !Prescan.mayNeedRewrite(bytes)) {
            return null;
        }
        try {
            ClassReader reader = new ClassReader(bytes);
            ClassWriter writer = new ClassWriter(reader, ClassWriter.COMPUTE_MAXS);
            CallSiteRewriter rewriter = new CallSiteRewriter(writer, loader);
            reader.accept(rewriter, 0);
            return rewriter.changed() ? writer.toByteArray() : null;
        } catch (RuntimeException | LinkageError e) {
            if (warned.compareAndSet(false, true)) {
                System.err.println("lockstep: could not rewrite " + className + " (" + e + "); it runs unchanged");
            }
            return null;
        }
    }
}
