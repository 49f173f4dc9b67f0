package dev.lockstep.names;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * No public type of Lockstep shares its simple name with a type that test code commonly
 * star-imports beside it: JUnit 5, Guava, Caffeine, Reactor, Awaitility, {@code java.util},
 * {@code java.util.concurrent}, {@code java.util.function}, {@code java.util.stream} and
 * {@code java.time}. Two star imports that both bring a {@code Scheduler} make every use of it a
 * compile error, and the fix (an explicit import) is the user's to find.
 *
 * <p>Lockstep's names are read from the class files of every published module (internal packages
 * excluded); the libraries' from their jars and the JDK image, except Caffeine's, which is not on
 * this class path and is listed by hand (3.2). Names already known to collide are in
 * {@link #PROPOSED_RENAMES}, each with the name it should take, and {@link #KEPT}, each with the
 * reason it stays; renaming one means moving it out of the map.
 */
class PublicNamesTest {

    /** Collisions to remove by renaming: Lockstep's current simple name to the proposed one. */
    static final Map<String, String> PROPOSED_RENAMES = Map.of();

    /** Collisions that stay, and why. */
    static final Map<String, String> KEPT = Map.ofEntries(
            Map.entry("Future", "java.util.concurrent.Future: the core type of the design (DESIGN.md section 2),"
                    + " named after Rust's; code that star-imports both imports dev.lockstep.future.Future"
                    + " by name, which wins over a star import"),
            Map.entry("Context", "reactor.util.context.Context: a name of the future model (DESIGN.md section 2);"
                    + " Reactor code rarely star-imports reactor.util.context"),
            Map.entry("Futures", "Guava's Futures: the combinators' factory of the design (DESIGN.md section 2)"),
            Map.entry("Timeout", "JUnit's @Timeout: the timeout combinator of the design; an annotation and a"
                    + " future are never used in the same position, and an explicit import settles it"),
            Map.entry("Scheduler", "Reactor's and Caffeine's Scheduler: since the layout split it lives in"
                    + " dev.lockstep.schedule, which test code imports by name (Scheduler.pct(..)), not with"
                    + " dev.lockstep.runtime.*"),
            Map.entry("Semaphore", "java.util.concurrent.Semaphore: a name of the sync toolkit (DESIGN.md"
                    + " section 10), tokio's name for the same thing"),
            Map.entry("Stream", "java.util.stream.Stream: the toolkit's Stream<T> (DESIGN.md section 10),"
                    + " futures-rs's name"),
            Map.entry("Streams", "Guava's Streams: Stream's static factories, the companion-class convention"
                    + " that Guava follows too"));

    /** Caffeine 3.2's public top-level types (cache and cache.stats), not on this class path. */
    static final Set<String> CAFFEINE = Set.of("AsyncCache", "AsyncCacheLoader", "AsyncLoadingCache", "Cache",
            "CacheLoader", "Caffeine", "CaffeineSpec", "Expiry", "Interner", "LoadingCache", "Policy", "RemovalCause",
            "RemovalListener", "Scheduler", "Ticker", "Weigher", "CacheStats", "ConcurrentStatsCounter", "StatsCounter");

    /** One class of each package that users star-import, by the library it belongs to. */
    static final Map<String, List<String>> ANCHORS = anchors();

    private static Map<String, List<String>> anchors() {
        Map<String, List<String>> m = new LinkedHashMap<>();
        m.put("JUnit 5", List.of("org.junit.jupiter.api.Test", "org.junit.jupiter.api.extension.Extension",
                "org.junit.jupiter.params.ParameterizedTest", "org.junit.jupiter.params.provider.ValueSource"));
        m.put("Guava", List.of("com.google.common.util.concurrent.ListenableFuture", "com.google.common.base.Ticker",
                "com.google.common.collect.ImmutableList", "com.google.common.cache.CacheBuilder"));
        m.put("Reactor", List.of("reactor.core.publisher.Mono", "reactor.core.scheduler.Schedulers",
                "reactor.core.Disposable", "reactor.util.retry.Retry", "reactor.util.context.Context"));
        // Only the top package: org.awaitility.core (which has a DeadlockException) is imported by name.
        m.put("Awaitility", List.of("org.awaitility.Awaitility"));
        m.put("the JDK", List.of("java.util.concurrent.Future", "java.util.List", "java.util.function.Function",
                "java.util.stream.Stream", "java.time.Duration"));
        return m;
    }

    /** Lockstep's public top-level types by simple name, from every published module. */
    static Map<String, Set<String>> lockstepTypes() {
        return PublicTypes.underPrefix("dev.lockstep.", Set.of("internal"),
                "dev.lockstep.runtime.Simulation",         // sim-runtime
                "dev.lockstep.io.TcpStream",               // virtual-io
                "dev.lockstep.junit.SimTest",              // property-tests
                "dev.lockstep.reactor.VirtualSchedulers"); // reactor
    }

    /** Every simple name of the libraries, with where it comes from. */
    static Map<String, Set<String>> libraryNames() {
        Map<String, Set<String>> names = new TreeMap<>();
        ANCHORS.forEach((library, anchors) -> {
            for (String anchor : anchors) {
                String pkg = anchor.substring(0, anchor.lastIndexOf('.'));
                for (String simple : PublicTypes.inPackageOf(anchor)) {
                    names.computeIfAbsent(simple, k -> new TreeSet<>()).add(library + " " + pkg + "." + simple);
                }
            }
        });
        for (String simple : CAFFEINE) {
            names.computeIfAbsent(simple, k -> new TreeSet<>()).add("Caffeine " + simple);
        }
        return names;
    }

    @Test
    void everyCollisionIsAProposedRenameOrKeptWithAReason() {
        Map<String, Set<String>> lockstep = lockstepTypes();
        Map<String, Set<String>> libraries = libraryNames();
        Map<String, String> collisions = new TreeMap<>();
        lockstep.forEach((simple, ours) -> {
            if (libraries.containsKey(simple)) {
                collisions.put(simple, ours + " vs " + libraries.get(simple));
            }
        });
        Set<String> known = new TreeSet<>(PROPOSED_RENAMES.keySet());
        known.addAll(KEPT.keySet());
        Map<String, String> unexpected = new TreeMap<>(collisions);
        unexpected.keySet().removeAll(known);
        assertTrue(unexpected.isEmpty(), "public names that collide with a library star-imported beside Lockstep;"
                + " rename them (or list them in PROPOSED_RENAMES): " + unexpected);
        Set<String> stale = new TreeSet<>(known);
        stale.removeAll(collisions.keySet());
        assertTrue(stale.isEmpty(), "no longer a collision (renamed?), remove from PROPOSED_RENAMES/KEPT: " + stale);
    }

    @Test
    void theProposedNamesAreFreeEverywhere() {
        Map<String, Set<String>> lockstep = lockstepTypes();
        Map<String, Set<String>> libraries = libraryNames();
        PROPOSED_RENAMES.forEach((from, to) -> {
            assertFalse(libraries.containsKey(to), to + " (for " + from + ") collides too: " + libraries.get(to));
            assertFalse(lockstep.containsKey(to), to + " (for " + from + ") is already Lockstep's " + lockstep.get(to));
        });
    }

    @Test
    void noTwoLockstepPackagesShareASimpleName() {
        Map<String, Set<String>> twice = new TreeMap<>();
        lockstepTypes().forEach((simple, ours) -> {
            if (ours.size() > 1) {
                twice.put(simple, ours);
            }
        });
        assertEquals(Map.of(), twice, "Lockstep's own packages are star-imported together too");
    }

    @Test
    void theScanSeesBothSidesOfAKnownCollision() {
        assertTrue(lockstepTypes().get("Scheduler").stream().anyMatch(n -> n.startsWith("dev.lockstep.")));
        assertTrue(libraryNames().get("Scheduler").toString().contains("reactor.core.scheduler.Scheduler"));
        assertTrue(libraryNames().get("Future").toString().contains("java.util.concurrent.Future"));
        assertTrue(lockstepTypes().size() > 80, "read " + lockstepTypes().size() + " public Lockstep types");
    }
}
