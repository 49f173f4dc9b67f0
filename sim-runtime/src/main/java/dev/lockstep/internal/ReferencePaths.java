package dev.lockstep.internal;

import dev.lockstep.trace.Trace;
import dev.lockstep.trace.TraceEvent;
import java.lang.reflect.Field;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
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
 * skipped. A run's {@link Trace} is not walked: its events hold only names, texts and numbers,
 * and the ring of a long run is the largest structure a network or a task can reach.
 * Breadth-first, so the path printed is a shortest one; bounded by {@code limit} objects per root.
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
        /**
         * Every object a walk of this search saw, with how it was reached in that walk. An object
         * seen by a walk that ran to its end is ruled out for the later ones; one seen by a walk
         * that did not ({@link #unfinished}) counts as unseen (the next walk that meets it takes it
         * over).
         */
        private final IdentityHashMap<Object, Step> seen = new IdentityHashMap<>(256);
        /** The walks so far; the current one is the last. */
        private int walks;
        /**
         * The walks that did not run to their end, by number: cut short by the limit, or stopped
         * at the target. What they saw rules nothing out.
         */
        private final BitSet unfinished = new BitSet();

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
            if (root == null || ruledOut(seen.get(root))) {
                return Optional.empty();
            }
            int walk = ++walks;
            ArrayDeque<Object> queue = new ArrayDeque<>();
            seen.put(root, new Step(null, rootName, null, -1, walk));
            queue.add(root);
            int visited = 0;
            Edges edges = new Edges();
            while (!queue.isEmpty()) {
                if (visited++ >= limit) {
                    unfinished.set(walk);
                    return Optional.empty();   // cut short: rules nothing out
                }
                Object obj = queue.poll();
                edges.of(obj);
                for (int i = 0; i < edges.size; i++) {
                    Object next = edges.values[i];
                    if (next == null) {
                        continue;
                    }
                    Step before = seen.get(next);
                    if (before != null && (before.walk == walk || ruledOut(before))) {
                        if (next == root && target.test(next)) {
                            unfinished.set(walk);
                            return Optional.of(path(obj) + edges.step(obj, i, walk).label());
                        }
                        continue;
                    }
                    seen.put(next, edges.step(obj, i, walk));
                    if (target.test(next)) {
                        unfinished.set(walk);
                        return Optional.of(path(next));
                    }
                    if (!isLeaf(next) && !opaque.test(next)) {
                        queue.add(next);
                    }
                }
            }
            // Nothing seen reaches the target, not even the root (that would have been a path back
            // to it). The root itself is not tested: if it is the target, it stays unseen.
            if (target.test(root)) {
                seen.remove(root);
            }
            return Optional.empty();
        }

        /** Whether {@code step}, of an earlier walk, is from one that ran to its end. */
        private boolean ruledOut(Step step) {
            return step != null && !unfinished.get(step.walk);
        }

        private String path(Object end) {
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
    }

    /**
     * One step of a path: from {@code parent} by a field or a map key ({@code how}), or by a fixed
     * label and an index ({@code index} -1: none), in the search's walk {@code walk}; the label is
     * built only when printed.
     */
    private record Step(Object parent, String fixed, Object how, int index, int walk) {
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

    private static boolean isLeaf(Object o) {
        return o instanceof String || o instanceof Number || o instanceof Boolean || o instanceof Character
                || o instanceof Class<?> || o instanceof Enum<?> || o instanceof Thread
                || o instanceof Trace || o instanceof TraceEvent;
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

        Step step(Object parent, int i, int walk) {
            return new Step(parent, fixed[i], hows[i], indexes[i], walk);
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

    /** Whether a class is the JDK's, whose internals are read through its public API instead. */
    private static final ClassValue<Boolean> JDK = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> c) {
            String n = c.getName();
            return n.startsWith("java.") || n.startsWith("javax.") || n.startsWith("jdk.") || n.startsWith("sun.");
        }
    };

    private static boolean isJdk(Class<?> c) {
        return JDK.get(c);
    }
}
