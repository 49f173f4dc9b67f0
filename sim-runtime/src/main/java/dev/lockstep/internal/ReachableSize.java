package dev.lockstep.internal;

import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.Buffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

/**
 * Estimates the heap bytes reachable from an object: its shallow size plus that of everything its
 * fields, array elements and collection contents lead to, each object counted once.
 *
 * <h2>What it counts</h2>
 * Sizes follow a 64-bit JVM with compressed references: a 12-byte object header, 4 bytes per
 * reference, fields at their natural size, arrays with a 16-byte header, everything rounded up to
 * 8 bytes. JDK objects whose fields cannot be opened are sized from their declared fields and,
 * where their public API shows it, their contents: a {@code String}'s characters, a buffer's
 * capacity (direct buffers too, though off-heap), a collection's elements plus an estimate of its
 * backing arrays and nodes, an {@code Optional}'s or {@code AtomicReference}'s value. Objects
 * matching the {@code excluded} predicate (the executor's own objects, shared constants) are
 * neither counted nor entered. The result is an estimate, not what a heap dump would report.
 *
 * <h2>Determinism</h2>
 * The estimate depends only on the object graph, never on addresses or identity hash codes, so
 * the same graph gives the same number in any JVM (unless the walk is truncated at the object
 * limit and a hash-ordered collection was entered).
 *
 * <p>Used to diagnose (large futures), never in decision paths.
 */
public final class ReachableSize {
    private static final int HEADER = 12;
    private static final int ARRAY_HEADER = 16;
    private static final int REFERENCE = 4;

    private final int limit;
    private final Predicate<Object> excluded;

    /**
     * An estimator that visits at most {@code limit} objects per estimate and neither counts nor
     * enters objects matching {@code excluded}.
     */
    public ReachableSize(int limit, Predicate<Object> excluded) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be >= 1, got " + limit);
        }
        this.limit = limit;
        this.excluded = excluded;
    }

    /**
     * An estimate: {@code bytes} over {@code objects} objects; {@code truncated} when the walk
     * stopped at the object limit, so the true figure is larger.
     */
    public record Estimate(long bytes, int objects, boolean truncated) {}

    /** The bytes reachable from {@code root}, including it; zero for null or an excluded root. */
    public Estimate of(Object root) {
        if (root == null || excluded.test(root)) {
            return new Estimate(0, 0, false);
        }
        IdentityHashMap<Object, Boolean> seen = new IdentityHashMap<>();
        ArrayDeque<Object> queue = new ArrayDeque<>();
        seen.put(root, Boolean.TRUE);
        queue.add(root);
        long bytes = 0;
        int objects = 0;
        while (!queue.isEmpty()) {
            if (objects == limit) {
                return new Estimate(bytes, objects, true);
            }
            Object obj = queue.poll();
            objects++;
            List<Object> next = new ArrayList<>();
            bytes += visit(obj, next);
            for (Object o : next) {
                if (o != null && !seen.containsKey(o) && !excluded.test(o)) {
                    seen.put(o, Boolean.TRUE);
                    queue.add(o);
                }
            }
        }
        return new Estimate(bytes, objects, false);
    }

    /** The size of {@code obj} itself (and of the JDK internals hidden from us), adding what it refers to to {@code out}. */
    private static long visit(Object obj, List<Object> out) {
        Class<?> type = obj.getClass();
        if (type.isArray()) {
            Class<?> component = type.getComponentType();
            int n = Array.getLength(obj);
            if (!component.isPrimitive()) {
                for (int i = 0; i < n; i++) {
                    out.add(Array.get(obj, i));
                }
            }
            return align(ARRAY_HEADER + (long) n * slot(component));
        }
        long shallow = shallow(type);
        if (obj instanceof String s) {
            return shallow + align(ARRAY_HEADER + (long) s.length() * (s.chars().allMatch(c -> c < 256) ? 1 : 2));
        }
        if (obj instanceof Buffer b) {
            return shallow + align(ARRAY_HEADER + (long) b.capacity() * bufferSlot(b));
        }
        if (isJdk(type)) {
            try {
                if (obj instanceof Map<?, ?> map) {
                    for (Map.Entry<?, ?> e : map.entrySet()) {
                        out.add(e.getKey());
                        out.add(e.getValue());
                    }
                    // a table of references plus a node (header, hash, key, value, next) per entry
                    return shallow + align(ARRAY_HEADER + 2L * map.size() * REFERENCE) + 32L * map.size();
                }
                if (obj instanceof Collection<?> c) {
                    out.addAll(c);
                    return shallow + align(ARRAY_HEADER + (long) c.size() * REFERENCE);
                }
            } catch (RuntimeException concurrentOrUnsupported) {
                return shallow;
            }
            if (obj instanceof Optional<?> opt) {
                opt.ifPresent(out::add);
                return shallow;
            }
            if (obj instanceof AtomicReference<?> ref) {
                out.add(ref.get());
            }
            // Other JDK internals cannot be opened: counted shallowly only.
            return shallow;
        }
        for (Field f : ReferenceFields.of(type)) {
            try {
                out.add(f.get(obj));
            } catch (RuntimeException | IllegalAccessException inaccessible) {
                // Not readable after all: its target is not counted.
            }
        }
        return shallow;
    }

    /** Header plus declared instance fields, rounded up to 8 bytes. */
    private static long shallow(Class<?> type) {
        long size = HEADER;
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (!Modifier.isStatic(f.getModifiers())) {
                    size += slot(f.getType());
                }
            }
        }
        return align(size);
    }

    private static int slot(Class<?> t) {
        if (!t.isPrimitive()) {
            return REFERENCE;
        }
        if (t == long.class || t == double.class) {
            return 8;
        }
        if (t == int.class || t == float.class) {
            return 4;
        }
        if (t == short.class || t == char.class) {
            return 2;
        }
        return 1;
    }

    private static int bufferSlot(Buffer b) {
        return switch (b) {
            case java.nio.ByteBuffer x -> 1;
            case java.nio.CharBuffer x -> 2;
            case java.nio.ShortBuffer x -> 2;
            case java.nio.IntBuffer x -> 4;
            case java.nio.FloatBuffer x -> 4;
            default -> 8;
        };
    }

    private static long align(long size) {
        return (size + 7) & ~7L;
    }

    private static boolean isJdk(Class<?> c) {
        String n = c.getName();
        return n.startsWith("java.") || n.startsWith("javax.") || n.startsWith("jdk.") || n.startsWith("sun.");
    }
}
