package dev.lockstep.agent.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import net.bytebuddy.jar.asm.ClassReader;

/**
 * The superclasses of the owners named at call sites, read from class files (never by loading
 * the classes), so that a call compiled against a subclass of a rewritten JDK type (such as
 * {@code this.await()} in a class that extends {@code CountDownLatch}, or {@code start()} on a
 * subclass of {@code Thread}) is matched too.
 *
 * <h2>Scope</h2>
 * One instance per class being rewritten, with the loader that defines it; superclasses only
 * (interfaces are matched by the owners listed in {@link Rules}). Unreadable class files end the
 * walk.
 */
final class Hierarchy {
    private static final int MAX_DEPTH = 12;
    private final ClassLoader loader;
    private final Map<String, String> supers = new HashMap<>();

    /**
     * @param loader    the loader of the class being rewritten
     * @param self      that class's internal name
     * @param selfSuper its superclass's internal name
     */
    Hierarchy(ClassLoader loader, String self, String selfSuper) {
        this.loader = loader;
        supers.put(self, selfSuper);
    }

    /** The instance rule for {@code owner.name desc} or for the same method on a superclass of {@code owner}, or null. */
    Rule findInstance(String owner, String name, String desc) {
        Rule r = Rules.findInstance(owner, name, desc);
        if (r != null || !Rules.isInstanceMethod(name, desc) || owner.startsWith("[")) {
            return r;
        }
        String type = owner;
        for (int depth = 0; depth < MAX_DEPTH && r == null; depth++) {
            type = superOf(type);
            if (type == null || type.equals("java/lang/Object")) {
                return null;
            }
            r = Rules.findInstance(type, name, desc);
        }
        return r;
    }

    private String superOf(String type) {
        if (supers.containsKey(type)) {
            return supers.get(type);
        }
        String s = null;
        ClassLoader l = loader != null ? loader : ClassLoader.getPlatformClassLoader();
        try (InputStream in = l.getResourceAsStream(type + ".class")) {
            if (in != null) {
                s = new ClassReader(in.readAllBytes()).getSuperName();
            }
        } catch (IOException | RuntimeException e) {
            s = null;
        }
        supers.put(type, s);
        return s;
    }
}
