package dev.lockstep.internal;

import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
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
 * Finds a chain of references from a root object to an object matching a predicate, and prints it
 * as a field path ({@code sender.channel.waiters[0]}).
 *
 * <p>Used only to diagnose (a lost wakeup: is the task's waker still reachable from anything; a
 * self-referential future: does anything it reaches point back to it), never in decision paths.
 * It walks fields reflectively (including the captured arguments of lambdas), arrays, and the
 * contents of JDK collections, maps, {@code Optional} and {@code AtomicReference} through their
 * public API; other JDK internals it cannot open are skipped. Breadth-first, so the path printed
 * is a shortest one; bounded by {@code limit} objects.
 */
public final class ReferencePaths {
    private final int limit;
    private final Predicate<Object> opaque;

    /**
     * A scanner that visits at most {@code limit} objects per search and does not look inside
     * objects matching {@code opaque} (the executor's own bookkeeping, for example).
     */
    public ReferencePaths(int limit, Predicate<Object> opaque) {
        this.limit = limit;
        this.opaque = opaque;
    }

    /**
     * The shortest field path from {@code root} to an object matching {@code target}, not counting
     * the root itself, or empty if none is reachable.
     *
     * @param rootName how the path starts
     */
    public Optional<String> find(Object root, String rootName, Predicate<Object> target) {
        if (root == null) {
            return Optional.empty();
        }
        IdentityHashMap<Object, Node> seen = new IdentityHashMap<>();
        ArrayDeque<Object> queue = new ArrayDeque<>();
        seen.put(root, new Node(null, rootName));
        queue.add(root);
        int visited = 0;
        while (!queue.isEmpty() && visited++ < limit) {
            Object obj = queue.poll();
            for (Edge edge : edges(obj)) {
                Object next = edge.value;
                if (next == null || seen.containsKey(next)) {
                    if (next == root && target.test(next)) {
                        return Optional.of(path(seen, obj) + edge.label);
                    }
                    continue;
                }
                seen.put(next, new Node(obj, edge.label));
                if (target.test(next)) {
                    return Optional.of(path(seen, next));
                }
                if (!isLeaf(next) && !opaque.test(next)) {
                    queue.add(next);
                }
            }
        }
        return Optional.empty();
    }

    private record Node(Object parent, String label) {}

    private record Edge(String label, Object value) {}

    private static String path(IdentityHashMap<Object, Node> seen, Object end) {
        List<String> parts = new ArrayList<>();
        Object at = end;
        while (at != null) {
            Node n = seen.get(at);
            parts.add(n.label);
            at = n.parent;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = parts.size() - 1; i >= 0; i--) {
            sb.append(parts.get(i));
        }
        return sb.toString();
    }

    private static boolean isLeaf(Object o) {
        return o instanceof String || o instanceof Number || o instanceof Boolean || o instanceof Character
                || o instanceof Class<?> || o instanceof Enum<?> || o instanceof Thread;
    }

    private static List<Edge> edges(Object obj) {
        List<Edge> out = new ArrayList<>();
        Class<?> type = obj.getClass();
        if (type.isArray()) {
            if (!type.getComponentType().isPrimitive()) {
                int n = Array.getLength(obj);
                for (int i = 0; i < n; i++) {
                    out.add(new Edge("[" + i + "]", Array.get(obj, i)));
                }
            }
            return out;
        }
        if (isJdk(type)) {
            try {
                if (obj instanceof Map<?, ?> map) {
                    int i = 0;
                    for (Map.Entry<?, ?> e : map.entrySet()) {
                        out.add(new Edge("{key " + i + "}", e.getKey()));
                        out.add(new Edge("{" + e.getKey() + "}", e.getValue()));
                        i++;
                    }
                    return out;
                }
                if (obj instanceof Collection<?> c) {
                    int i = 0;
                    for (Object o : c) {
                        out.add(new Edge("[" + i++ + "]", o));
                    }
                    return out;
                }
                if (obj instanceof Optional<?> opt) {
                    opt.ifPresent(v -> out.add(new Edge(".get()", v)));
                    return out;
                }
                if (obj instanceof AtomicReference<?> ref) {
                    out.add(new Edge(".get()", ref.get()));
                    return out;
                }
            } catch (RuntimeException concurrentOrUnsupported) {
                return out;
            }
        }
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers()) || f.getType().isPrimitive()) {
                    continue;
                }
                try {
                    f.setAccessible(true);
                    out.add(new Edge("." + displayName(f), f.get(obj)));
                } catch (RuntimeException | IllegalAccessException inaccessible) {
                    // A JDK internal we may not open: skip it.
                }
            }
        }
        return out;
    }

    private static String displayName(Field f) {
        // Lambdas keep captured arguments in fields named arg$1, arg$2, ...
        return f.getName().startsWith("arg$") ? "<captured " + f.getName().substring(4) + ">" : f.getName();
    }

    private static boolean isJdk(Class<?> c) {
        String n = c.getName();
        return n.startsWith("java.") || n.startsWith("javax.") || n.startsWith("jdk.") || n.startsWith("sun.");
    }
}
