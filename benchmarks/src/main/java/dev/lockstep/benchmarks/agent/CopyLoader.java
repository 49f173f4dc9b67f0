package dev.lockstep.benchmarks.agent;

import java.io.IOException;
import java.io.InputStream;

/**
 * A named class loader that defines the classes of one package itself, from the class files its
 * parent finds, and delegates every other class to the parent. Two of them over the same package
 * hold two copies of the same bytes, which the agent treats apart by the loader's name
 * ({@code -Dlockstep.agent.excludeLoaders}).
 *
 * <h2>Threads</h2>
 * Loads under the JDK's per-class-name lock, so it is safe from any thread.
 */
final class CopyLoader extends ClassLoader {
    private final String packagePrefix;

    /**
     * @param name          the loader's name ({@link ClassLoader#getName()})
     * @param packagePrefix the classes defined here, such as {@code com.example.metered.}
     * @param parent        where the bytes and every other class come from
     */
    CopyLoader(String name, String packagePrefix, ClassLoader parent) {
        super(name, parent);
        this.packagePrefix = packagePrefix;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (!name.startsWith(packagePrefix)) {
            return super.loadClass(name, resolve);
        }
        synchronized (getClassLoadingLock(name)) {
            Class<?> c = findLoadedClass(name);
            if (c == null) {
                byte[] bytes = classFile(name);
                c = defineClass(name, bytes, 0, bytes.length);
            }
            if (resolve) {
                resolveClass(c);
            }
            return c;
        }
    }

    private byte[] classFile(String name) throws ClassNotFoundException {
        String path = name.replace('.', '/') + ".class";
        try (InputStream in = getParent().getResourceAsStream(path)) {
            if (in == null) {
                throw new ClassNotFoundException(name + " (no " + path + " on the class path of " + getName() + ")");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new ClassNotFoundException(name + " (reading " + path + ": " + e + ")", e);
        }
    }
}
