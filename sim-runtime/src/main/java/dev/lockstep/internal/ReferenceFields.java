package dev.lockstep.internal;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

/**
 * The instance fields of a class and its superclasses that hold references and can be read
 * reflectively, made accessible, for the walks over object graphs ({@link ReferencePaths},
 * {@link ReachableSize}). Read once per class for the life of the JVM ({@link ClassValue}); a
 * field of a module that is not open to Lockstep is left out.
 *
 * <h2>Order</h2>
 * The class's own fields first, then each superclass's, each in {@code getDeclaredFields()} order,
 * which is the class file's: the same on every run, so walks and the paths they print are too.
 */
final class ReferenceFields {
    private static final Field[] NONE = new Field[0];
    private static final ClassValue<Field[]> FIELDS = new ClassValue<>() {
        @Override
        protected Field[] computeValue(Class<?> type) {
            List<Field> out = new ArrayList<>();
            for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
                for (Field f : c.getDeclaredFields()) {
                    if (Modifier.isStatic(f.getModifiers()) || f.getType().isPrimitive()) {
                        continue;
                    }
                    try {
                        f.setAccessible(true);
                        out.add(f);
                    } catch (RuntimeException inaccessible) {
                        // A field of a module that is not open to us.
                    }
                }
            }
            return out.isEmpty() ? NONE : out.toArray(NONE);
        }
    };

    private ReferenceFields() {}

    /** The readable reference fields of {@code type}'s instances (shared: do not modify). */
    static Field[] of(Class<?> type) {
        return FIELDS.get(type);
    }
}
