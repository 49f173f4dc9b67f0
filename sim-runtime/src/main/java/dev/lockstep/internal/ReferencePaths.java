package dev.lockstep.internal;

import java.lang.reflect.Field;
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
 * self-referential future: does anything it reaches point back to it) and by the move check,
 * never in scheduling. It walks fields reflectively (including the captured arguments of
 * lambdas), arrays, and the contents of JDK collections, maps, {@code Optional} and
 * {@code AtomicReference} through their public API; other JDK internals it cannot open are
 * skipped. Breadth-first, so the path printed is a shortest one; bounded by {@code limit} objects
 * per root.
 *
 * <h2>Several roots</h2>
 * A {@link Search} looks for one target from root after root (a task's future, then the next
 * task's, the timers, the services), which usually reach the same large structures (a network, a
 * registry). An object whose every reachable object was visited without meeting the target cannot
 * lead to it from any root, so a search whose walk ran to its end hands what it visited to the
 * next root, which does not walk it again. A walk cut short by the limit hands on nothing. So each
 * root finds exactly the path it would find alone (a shortest one cannot pass through an object
 * the target is not reachable from), and only a root that would have hit the limit alone can see
 * further.
 *
 * <h2>Cost</h2>
 * The fields of each class are read once per JVM ({@link ReferenceFields}), and a step's label is
 * built only for the path printed.
 */
public final class ReferencePaths {
    private final int limit;
    private final Predicate<Object> opaque;

    /**
     * A scanner that visits at most {@code limit} objects per root and does not look inside
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
        return search(target).from(root, rootName);
    }

    /** A search for {@code target} from one root after another, sharing what the walks ruled out. */
    public Search search(Predicate<Object> target) {
        return new Search(target);
    }

    /** The searches for one target from several roots; see the class comment. */
    public final class Search {
        private final Predicate<Object> target;
        /** Objects from which the target is known not to be reachable. */
        private final IdentityHashMap<Object, Boolean> ruledOut = new IdentityHashMap<>();

        private Search(Predicate<Object> target) {
            this.target = target;
        }

        /**
         * The shortest field path from {@code root} to the target, not counting the root itself,
         * or empty if none is reachable (or the limit was reached first).
         *
         * @param rootName how the path starts
         */
        public Optional<String> from(Object root, String rootName) {
            if (root == null || ruledOut.containsKey(root)) {
                return Optional.empty();
            }
            IdentityHashMap<Object, Step> seen = new IdentityHashMap<>();
            ArrayDeque<Object> queue = new ArrayDeque<>();
            seen.put(root, new Step(null, rootName, null, -1));
            queue.add(root);
            int visited = 0;
            Edges edges = new Edges();
            while (!queue.isEmpty()) {
                if (visited++ >= limit) {
                    return Optional.empty();   // cut short: rules nothing out
                }
                Object obj = queue.poll();
                edges.of(obj);
                for (int i = 0; i < edges.size; i++) {
                    Object next = edges.values[i];
                    if (next == null || seen.containsKey(next) || ruledOut.containsKey(next)) {
                        if (next == root && target.test(next)) {
                            return Optional.of(path(seen, obj) + edges.step(obj, i).label());
                        }
                        continue;
                    }
                    Step step = edges.step(obj, i);
                    seen.put(next, step);
                    if (target.test(next)) {
                        return Optional.of(path(seen, next));
                    }
                    if (!isLeaf(next) && !opaque.test(next)) {
                        queue.add(next);
                    }
                }
            }
            // Nothing seen reaches the target, not even the root (that would have been a path back
            // to it); the root itself is not tested, so it is ruled out only if it is not the target.
            boolean rootIsTarget = target.test(root);
            for (Object o : seen.keySet()) {
                if (o != root || !rootIsTarget) {
                    ruledOut.put(o, Boolean.TRUE);
                }
            }
            return Optional.empty();
        }
    }

    /**
     * One step of a path: from {@code parent} by a field or a map key ({@code how}), or by a fixed
     * label and an index ({@code index} -1: none); the label is built only when printed.
     */
    private record Step(Object parent, String fixed, Object how, int index) {
        String label() {
            if (how instanceof Field f) {
                return "." + displayName(f);
            }
            if (how instanceof Key k) {
                return "{" + k.key + "}";                          // a map's value, by its key
            }
            return index >= 0 ? fixed + index + (fixed.equals("[") ? "]" : "}") : fixed;
        }
    }

    private static String path(IdentityHashMap<Object, Step> seen, Object end) {
        List<String> parts = new ArrayList<>();
        Object at = end;
        while (at != null) {
            Step n = seen.get(at);
            parts.add(n.label());
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

    /**
     * The references out of one object, reused from object to object: their values, and how each
     * was reached, turned into a {@link Step} only for the values the walk keeps.
     */
    private static final class Edges {
        Object[] values = new Object[16];
        /** Per value: a {@link Field}, a map key (boxed as {@link Key}), or null (an index or a fixed label). */
        private Object[] hows = new Object[16];
        private String[] fixed = new String[16];
        private int[] indexes = new int[16];
        int size;

        void of(Object obj) {
            java.util.Arrays.fill(values, 0, size, null);
            java.util.Arrays.fill(hows, 0, size, null);
            size = 0;
            collect(obj);
        }

        Step step(Object parent, int i) {
            return new Step(parent, fixed[i], hows[i], indexes[i]);
        }

        private void add(Object value, Object how, String fixedLabel, int index) {
            if (size == values.length) {
                int n = size * 2;
                values = java.util.Arrays.copyOf(values, n);
                hows = java.util.Arrays.copyOf(hows, n);
                fixed = java.util.Arrays.copyOf(fixed, n);
                indexes = java.util.Arrays.copyOf(indexes, n);
            }
            values[size] = value;
            hows[size] = how;
            fixed[size] = fixedLabel;
            indexes[size] = index;
            size++;
        }

        private void collect(Object obj) {
            Class<?> type = obj.getClass();
            if (type.isArray()) {
                if (!type.getComponentType().isPrimitive()) {
                    Object[] array = (Object[]) obj;
                    for (int i = 0; i < array.length; i++) {
                        add(array[i], null, "[", i);
                    }
                }
                return;
            }
            if (isJdk(type)) {
                try {
                    if (obj instanceof Map<?, ?> map) {
                        int i = 0;
                        for (Map.Entry<?, ?> e : map.entrySet()) {
                            add(e.getKey(), null, "{key ", i);
                            add(e.getValue(), new Key(e.getKey()), null, -1);
                            i++;
                        }
                        return;
                    }
                    if (obj instanceof Collection<?> c) {
                        int i = 0;
                        for (Object o : c) {
                            add(o, null, "[", i++);
                        }
                        return;
                    }
                    if (obj instanceof Optional<?> opt) {
                        opt.ifPresent(v -> add(v, null, ".get()", -1));
                        return;
                    }
                    if (obj instanceof AtomicReference<?> ref) {
                        add(ref.get(), null, ".get()", -1);
                        return;
                    }
                } catch (RuntimeException concurrentOrUnsupported) {
                    return;   // what was read before it stands
                }
            }
            for (Field f : ReferenceFields.of(type)) {
                try {
                    add(f.get(obj), f, null, -1);
                } catch (IllegalAccessException | RuntimeException inaccessible) {
                    // A JDK internal we may not open: skip it.
                }
            }
        }
    }

    /** A map key as the way to its value (so that a key that is a {@link Field} is not mistaken for one). */
    private record Key(Object key) {}

    private static String displayName(Field f) {
        // Lambdas keep captured arguments in fields named arg$1, arg$2, ...
        return f.getName().startsWith("arg$") ? "<captured " + f.getName().substring(4) + ">" : f.getName();
    }

    private static boolean isJdk(Class<?> c) {
        String n = c.getName();
        return n.startsWith("java.") || n.startsWith("javax.") || n.startsWith("jdk.") || n.startsWith("sun.");
    }
}
