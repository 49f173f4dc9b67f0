package com.example.outside;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.runtime.Simulation;
import dev.lockstep.time.Sleep;
import dev.lockstep.trace.TraceEvent;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongFunction;
import org.junit.jupiter.api.Test;

/**
 * {@code -Dlockstep.agent.excludeLoaders}: the same class file defined by two class loaders,
 * one named in the list ({@value #UNTOUCHED}, set in this module's pom for both executions) and
 * one not, is rewritten in the second and left as compiled in the first. This is how the
 * benchmarks' agent row gets its two sides (A rewritten, B not) in one JVM.
 */
class LoaderExcludesTest extends AgentTestCase {
    static final String UNTOUCHED = "lockstep-test-untouched";
    private static final long ONE_HOUR = Duration.ofHours(1).toNanos();

    /**
     * In a simulation of the given seed, after a virtual hour of sleep: {@code System.nanoTime()},
     * a {@code ThreadLocalRandom} draw, and how many call sites the trace noted as virtualized.
     */
    public static final class Metered implements LongFunction<long[]> {
        public Metered() {
        }

        @Override
        public long[] apply(long seed) {
            Simulation sim = Simulation.builder().seed(seed).build();
            return sim.blockOn(Sleep.of(Duration.ofHours(1)).map(done -> {
                long nanos = System.nanoTime();
                long draw = ThreadLocalRandom.current().nextLong();
                long notes = sim.trace().events().stream()
                        .filter(e -> e instanceof TraceEvent.Note n && n.text().startsWith("escape virtualized: ")).count();
                return new long[] {nanos, draw, notes};
            }));
        }
    }

    @Test
    void aClassOfAListedLoaderIsLeftAloneAndTheSameBytesInAnotherLoaderAreRewritten() throws Exception {
        Simulation.builder().build();   // attaches the agent, before the copies are loaded
        LongFunction<long[]> rewritten = copy("lockstep-test-rewritten");
        LongFunction<long[]> untouched = copy(UNTOUCHED);
        assertNotSame(rewritten.getClass(), untouched.getClass());

        long[] a = rewritten.apply(7);
        assertEquals(ONE_HOUR, a[0], "the rewritten copy's nanoTime reads virtual time");
        assertTrue(a[2] >= 2, "its trace notes the virtualized clock and random draw: " + a[2]);
        assertEquals(a[1], rewritten.apply(7)[1], "its draw replays from the seed");

        long[] b = untouched.apply(7);
        assertNotEquals(ONE_HOUR, b[0], "the untouched copy's nanoTime reads the real clock");
        assertEquals(0, b[2], "its trace notes nothing");
        assertNotEquals(b[1], untouched.apply(7)[1], "its ThreadLocalRandom is the real one: two runs of one seed"
                + " draw different longs");
    }

    @Test
    void theTestClassLoaderIsNotListedSoTheSuiteIsRewrittenAsBefore() {
        ClassLoader mine = getClass().getClassLoader();
        assertNotEquals(UNTOUCHED, mine.getName());
        assertSame(mine, Metered.class.getClassLoader());
        assertEquals(ONE_HOUR, new Metered().apply(3)[0], "the suite's own copy is rewritten");
    }

    /** A fresh copy of {@link Metered} defined by a loader named {@code name}. */
    @SuppressWarnings("unchecked")
    private static LongFunction<long[]> copy(String name) throws ReflectiveOperationException {
        ClassLoader parent = LoaderExcludesTest.class.getClassLoader();
        String target = Metered.class.getName();
        ClassLoader loader = new ClassLoader(name, parent) {
            @Override
            protected Class<?> loadClass(String n, boolean resolve) throws ClassNotFoundException {
                if (!n.equals(target)) {
                    return super.loadClass(n, resolve);
                }
                synchronized (getClassLoadingLock(n)) {
                    Class<?> c = findLoadedClass(n);
                    if (c == null) {
                        byte[] bytes = classFile(parent, n);
                        c = defineClass(n, bytes, 0, bytes.length);
                    }
                    return c;
                }
            }
        };
        Class<?> c = Class.forName(target, true, loader);
        assertSame(loader, c.getClassLoader());
        return (LongFunction<long[]>) c.getConstructor().newInstance();
    }

    private static byte[] classFile(ClassLoader from, String name) {
        try (InputStream in = from.getResourceAsStream(name.replace('.', '/') + ".class")) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
