package dev.lockstep.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class ReferencePathsTest {
    /** A node of a generated object graph: references in a field, an array, a list and a map. */
    static final class Node {
        final int id;
        Object first;
        Object[] more = new Object[0];
        final List<Object> list = new ArrayList<>();
        final Map<String, Object> byName = new HashMap<>();

        Node(int id) {
            this.id = id;
        }

        @Override
        public String toString() {
            return "n" + id;
        }
    }

    /** A random graph of {@code n} nodes, each with a few references of each kind. */
    static List<Node> graph(SplittableRandom r, int n) {
        List<Node> nodes = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            nodes.add(new Node(i));
        }
        for (Node node : nodes) {
            int kinds = r.nextInt(4);
            if (r.nextInt(3) == 0) {
                node.first = nodes.get(r.nextInt(n));
            }
            if (kinds == 1) {
                node.more = new Object[] {nodes.get(r.nextInt(n)), null, "a leaf"};
            } else if (kinds == 2) {
                node.list.add(nodes.get(r.nextInt(n)));
            } else if (kinds == 3) {
                node.byName.put("k" + r.nextInt(5), nodes.get(r.nextInt(n)));
            }
        }
        return nodes;
    }

    /**
     * From root after root, a search finds exactly the path each root finds alone: what an
     * earlier complete walk ruled out is never on a shortest path to the target.
     */
    @Test
    void aSearchFromSeveralRootsFindsWhatEachRootFindsAlone() {
        ReferencePaths paths = new ReferencePaths(10_000, o -> false);
        int found = 0;
        for (int seed = 0; seed < 300; seed++) {
            SplittableRandom r = new SplittableRandom(seed);
            List<Node> nodes = graph(r, 2 + r.nextInt(40));
            Node target = nodes.get(r.nextInt(nodes.size()));
            Predicate<Object> isTarget = o -> o == target;
            ReferencePaths.Search search = paths.search(isTarget);
            for (int k = 0; k < 6; k++) {
                Node root = nodes.get(r.nextInt(nodes.size()));
                Optional<String> alone = paths.find(root, "root" + k, isTarget);
                assertEquals(alone, search.from(root, "root" + k), "seed " + seed + ", root " + root + ", target "
                        + target);
                if (alone.isPresent()) {
                    found++;
                }
            }
        }
        assertTrue(found > 300, "the graphs reach their targets often enough to test paths: " + found);
    }

    /** One reference and nothing else, for chains whose walks are counted. */
    static final class Link {
        Object next;
    }

    /** A chain of {@code n} links; {@code last.next} is {@code end}. */
    static Link chain(int n, Object end) {
        Link first = new Link();
        Link at = first;
        for (int i = 1; i < n; i++) {
            Link next = new Link();
            at.next = next;
            at = next;
        }
        at.next = end;
        return first;
    }

    @Test
    void aCompleteWalkSparesTheNextRootTheObjectsItRuledOut() {
        Link shared = chain(1_000, null);
        Link a = new Link();
        Link b = new Link();
        a.next = shared;
        b.next = shared;
        AtomicInteger expanded = new AtomicInteger();
        ReferencePaths paths = new ReferencePaths(10_000, o -> {
            expanded.incrementAndGet();
            return false;
        });
        Object elsewhere = new Object();
        ReferencePaths.Search search = paths.search(o -> o == elsewhere);
        assertEquals(Optional.empty(), search.from(a, "a"));
        int afterA = expanded.get();
        assertEquals(1_000, afterA, "a's walk went down the whole chain");
        assertEquals(Optional.empty(), search.from(b, "b"));
        assertEquals(afterA, expanded.get(), "b reaches only the chain, which a's walk ruled out");
        assertEquals(Optional.empty(), search.from(shared, "shared"), "a ruled-out root is not walked");
        assertEquals(afterA, expanded.get());
    }

    @Test
    void aWalkCutShortByTheLimitRulesNothingOut() {
        Object target = new Object();
        Link b = chain(40, target);          // 40 links, then the target
        Link a = chain(20, b);               // 20 more in front: 60 objects from a
        ReferencePaths paths = new ReferencePaths(50, o -> false);
        ReferencePaths.Search search = paths.search(o -> o == target);
        assertEquals(Optional.empty(), search.from(a, "a"), "the target is beyond a limit of 50 from a");
        Optional<String> fromB = search.from(b, "b");
        assertEquals(paths.find(b, "b", o -> o == target), fromB);
        assertTrue(fromB.isPresent(), "b's own walk reaches the target within the limit");
    }

    @Test
    void aRootThatIsTheTargetIsStillFoundFromTheNextRoot() {
        Node target = new Node(0);
        Node other = new Node(1);
        other.first = target;
        target.list.add("a leaf");
        ReferencePaths paths = new ReferencePaths(1_000, o -> false);
        ReferencePaths.Search search = paths.search(o -> o == target);
        assertEquals(Optional.empty(), search.from(target, "target"), "the root itself is not a path");
        assertEquals(Optional.of("other.first"), search.from(other, "other"));
    }

    @Test
    void pathsNameFieldsIndexesKeysAndCapturedArguments() {
        Node target = new Node(0);
        Node root = new Node(1);
        Node viaList = new Node(2);
        Node viaMap = new Node(3);
        root.more = new Object[] {null, viaList};
        viaList.list.add("x");
        viaList.list.add(viaMap);
        viaMap.byName.put("key", target);
        assertEquals(Optional.of("root.more[1].list[1].byName{key}"), new ReferencePaths(100, o -> false)
                .find(root, "root", o -> o == target));
        Runnable lambda = () -> target.toString();
        assertEquals(Optional.of("lambda.<captured 1>"), new ReferencePaths(100, o -> false)
                .find(lambda, "lambda", o -> o == target));
    }
}
