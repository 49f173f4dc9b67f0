package dev.lockstep.examples.hunt;

import dev.lockstep.property.Scenario;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads a user's {@link Scenario} class for {@code hunt --scenario CLASS --classpath PATH}.
 *
 * <h2>Class loading</h2>
 * The class is loaded by a class loader over the {@code --classpath} entries whose parent is the
 * loader of the hunt itself, so the user's code sees the same Lockstep classes as the hunt (the
 * same {@code Scenario}, {@code Simulation}); Lockstep jars on the user's classpath are shadowed
 * by the hunt's own. Without {@code --classpath} the class is looked up on the hunt's class path.
 * The loader is also the context class loader of the hunt's worker threads.
 *
 * <h2>Errors</h2>
 * Every way the class can be unusable (an entry that does not exist, a class not found, not a
 * {@code Scenario}, abstract, no public no-argument constructor, a constructor that throws) is a
 * {@link HuntOptions.UsageException} saying what is wrong and what to do.
 */
final class UserScenarios {
    private UserScenarios() {}

    /** The loaded scenario and the loader it came from. */
    record Loaded(Scenario scenario, ClassLoader loader) {}

    /** Loads and instantiates {@code className} from {@code classpath} (absolute paths). */
    static Loaded load(String className, List<Path> classpath) throws HuntOptions.UsageException {
        List<URL> urls = new ArrayList<>();
        for (Path p : classpath) {
            if (!Files.exists(p)) {
                throw new HuntOptions.UsageException("--classpath entry " + p + " does not exist");
            }
            try {
                urls.add(p.toUri().toURL());
            } catch (MalformedURLException e) {
                throw new HuntOptions.UsageException("--classpath entry " + p + " is not usable: " + e.getMessage());
            }
        }
        ClassLoader parent = UserScenarios.class.getClassLoader();
        ClassLoader loader = urls.isEmpty() ? parent : new URLClassLoader("hunt-scenario", urls.toArray(URL[]::new),
                parent);
        Class<?> type;
        try {
            type = Class.forName(className, true, loader);
        } catch (ClassNotFoundException e) {
            throw new HuntOptions.UsageException("--scenario: class " + className + " is not on the class path"
                    + (classpath.isEmpty() ? " (give its directory or jar with --classpath)"
                            : " " + classpath));
        } catch (LinkageError e) {
            throw new HuntOptions.UsageException("--scenario: class " + className + " cannot be loaded: " + e);
        }
        if (!Scenario.class.isAssignableFrom(type)) {
            throw new HuntOptions.UsageException("--scenario: " + className + " does not implement "
                    + Scenario.class.getName());
        }
        if (Modifier.isAbstract(type.getModifiers()) || !Modifier.isPublic(type.getModifiers())) {
            throw new HuntOptions.UsageException("--scenario: " + className
                    + " must be a public, non-abstract class with a public no-argument constructor");
        }
        Constructor<?> constructor;
        try {
            constructor = type.getConstructor();
        } catch (NoSuchMethodException e) {
            throw new HuntOptions.UsageException("--scenario: " + className
                    + " has no public no-argument constructor");
        }
        try {
            return new Loaded((Scenario) constructor.newInstance(), loader);
        } catch (InvocationTargetException e) {
            throw new HuntOptions.UsageException("--scenario: the constructor of " + className + " threw "
                    + e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new HuntOptions.UsageException("--scenario: cannot create " + className + ": " + e);
        }
    }
}
