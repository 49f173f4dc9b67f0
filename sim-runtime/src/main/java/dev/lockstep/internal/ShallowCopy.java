package dev.lockstep.internal;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;

/**
 * A field-by-field copy of an object, the Java stand-in for the {@code memcpy} that moves a value
 * in Rust: the copy's fields hold the same references as the original's.
 *
 * <p>Used by {@code Movable.relocate()} and by the executor's move injection, never in decision
 * paths. A record is copied through its canonical constructor; another class is allocated without
 * running a constructor ({@code sun.misc.Unsafe.allocateInstance}, looked up reflectively) and its
 * instance fields, including inherited and final ones, are copied reflectively. Lambdas and other
 * hidden classes, arrays, and JDK classes cannot be copied.
 */
public final class ShallowCopy {
    private ShallowCopy() {}

    /** Whether {@link #of} can copy instances of {@code type}. */
    public static boolean canCopy(Class<?> type) {
        String n = type.getName();
        return !type.isHidden() && !type.isArray() && !type.isInterface() && !Modifier.isAbstract(type.getModifiers())
                && !(n.startsWith("java.") || n.startsWith("javax.") || n.startsWith("jdk.") || n.startsWith("sun."));
    }

    /**
     * A new instance of {@code original}'s class whose fields hold what {@code original}'s hold.
     *
     * @throws UnsupportedOperationException if the class cannot be copied (see {@link #canCopy}),
     *     naming the class and why
     */
    @SuppressWarnings("unchecked")
    public static <T> T of(T original) {
        Class<?> type = original.getClass();
        if (!canCopy(type)) {
            throw new UnsupportedOperationException("cannot copy " + type.getName() + ": "
                    + (type.isHidden() ? "a lambda or other hidden class has no copyable fields; write the future as"
                    + " a class" : "arrays and JDK classes are not copied"));
        }
        try {
            if (type.isRecord()) {
                return (T) copyRecord(original, type);
            }
            Object copy = allocate(type);
            for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
                for (Field f : c.getDeclaredFields()) {
                    if (Modifier.isStatic(f.getModifiers())) {
                        continue;
                    }
                    f.setAccessible(true);
                    f.set(copy, f.get(original));
                }
            }
            return (T) copy;
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new UnsupportedOperationException("cannot copy " + type.getName() + ": " + e, e);
        }
    }

    private static Object copyRecord(Object original, Class<?> type) throws ReflectiveOperationException {
        RecordComponent[] components = type.getRecordComponents();
        Class<?>[] types = new Class<?>[components.length];
        Object[] values = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            Method accessor = components[i].getAccessor();
            accessor.setAccessible(true);
            values[i] = accessor.invoke(original);
        }
        Constructor<?> canonical = type.getDeclaredConstructor(types);
        canonical.setAccessible(true);
        return canonical.newInstance(values);
    }

    private static Object allocate(Class<?> type) throws ReflectiveOperationException {
        Class<?> unsafeClass = Class.forName("sun.misc.Unsafe");
        Field theUnsafe = unsafeClass.getDeclaredField("theUnsafe");
        theUnsafe.setAccessible(true);
        Object unsafe = theUnsafe.get(null);
        return unsafeClass.getMethod("allocateInstance", Class.class).invoke(unsafe, type);
    }
}
