package dev.lockstep.agent.internal;

import dev.lockstep.agent.internal.calls.CallSites;
import dev.lockstep.agent.internal.calls.EscapeKind;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class CallSiteTransformerTest {
    /** Fixtures, compiled with the tests; transformed by hand here (dev.lockstep classes are never rewritten by the agent). */
    static final class Plain {
        int add(int a, int b) {
            return a + b;
        }
    }

    static final class ReadsTheClock {
        long read() {
            return System.nanoTime();
        }
    }

    private static byte[] bytes(Class<?> c) throws IOException {
        try (InputStream in = c.getClassLoader().getResourceAsStream(c.getName().replace('.', '/') + ".class")) {
            return in.readAllBytes();
        }
    }

    private static byte[] bytesOf(Class<?> c) {
        try {
            return bytes(c);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static byte[] transform(Class<?> c) throws IOException {
        return new CallSiteTransformer(new Excludes(List.of())).transform(c.getClassLoader(),
                c.getName().replace('.', '/'), null, null, bytes(c));
    }

    @Nested
    class Rewriting {
        @Test
        void aClassWithoutACallToRewriteIsLeftAsItIs() throws IOException {
            assertFalse(Prescan.mayNeedRewrite(bytes(Plain.class)));
            assertNull(transform(Plain.class));
        }

        @Test
        void aCallIsRewrittenAndItsSiteRegisteredWithFileAndLine() throws IOException {
            int before = CallSites.count();
            assertNotNull(transform(ReadsTheClock.class));
            CallSites.Site s = null;
            for (int i = before; i < CallSites.count() && s == null; i++) {
                CallSites.Site candidate = CallSites.get(i);
                s = candidate.site().startsWith(ReadsTheClock.class.getName() + ".") ? candidate : null;
            }
            assertNotNull(s, "the rewritten site is registered");
            assertEquals("java.lang.System.nanoTime()", s.call());
            assertTrue(s.site().startsWith(ReadsTheClock.class.getName() + ".read(CallSiteTransformerTest.java:"),
                    s.site());
            assertEquals(EscapeKind.TIME, s.escape());
        }
    }

    @Nested
    class Excluding {
        @Test
        void theJdkLockstepAndTheUsersPrefixesAreNeverRewritten() {
            Excludes e = new Excludes(List.of("java.", "dev.lockstep.", "com.example.metrics."));
            assertTrue(e.excludes("java.util.Random"));
            assertTrue(e.excludes("dev.lockstep.runtime.Simulation"));
            assertTrue(e.excludes("com.example.metrics.Timer"));
            assertFalse(e.excludes("com.example.Client"));
        }

        @Test
        void classesOfTheBootAndPlatformLoadersAreNeverRewritten() {
            CallSiteTransformer t = new CallSiteTransformer(new Excludes(List.of()));
            assertFalse(t.appliesTo(null, "org.example.Boot"));
            assertFalse(t.appliesTo(ClassLoader.getPlatformClassLoader(), "org.example.Platform"));
            assertTrue(t.appliesTo(getClass().getClassLoader(), "org.example.App"));
        }

        @Test
        void classesOfALoaderNamedInTheListAreNeverRewrittenAndThoseOfOtherLoadersAre() {
            CallSiteTransformer t = new CallSiteTransformer(new Excludes(List.of(), Set.of("reference-copy")));
            ClassLoader parent = getClass().getClassLoader();
            ClassLoader listed = new ClassLoader("reference-copy", parent) {};
            ClassLoader other = new ClassLoader("rewritten-copy", parent) {};
            ClassLoader unnamed = new ClassLoader(parent) {};
            assertFalse(t.appliesTo(listed, "org.example.App"));
            assertTrue(t.appliesTo(other, "org.example.App"));
            assertTrue(t.appliesTo(unnamed, "org.example.App"));
            assertNull(t.transform(listed, ReadsTheClock.class.getName().replace('.', '/'), null, null,
                    bytesOf(ReadsTheClock.class)), "a listed loader's class is not rewritten");
            assertNotNull(t.transform(other, ReadsTheClock.class.getName().replace('.', '/'), null, null,
                    bytesOf(ReadsTheClock.class)), "the same bytes in another loader are");
        }
    }

    @Nested
    class Rules_ {
        @Test
        void callsReadAsPeopleWriteThem() {
            assertEquals("java.util.concurrent.CountDownLatch.await(long, TimeUnit)",
                    Rule.display("java/util/concurrent/CountDownLatch", "await", "(JLjava/util/concurrent/TimeUnit;)Z"));
            assertEquals("new java.util.Random()", Rule.display("java/util/Random", "<init>", "()V"));
        }

        @Test
        void aHandlerTakesTheReceiverFirstAndTheSiteLast() {
            assertEquals("(Ljava/util/concurrent/Future;JLjava/util/concurrent/TimeUnit;I)Ljava/lang/Object;",
                    Rule.handlerDesc("java/util/concurrent/Future", "(JLjava/util/concurrent/TimeUnit;)Ljava/lang/Object;", null));
        }
    }
}
