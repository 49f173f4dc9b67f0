package dev.lockstep.examples.hunt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code hunt --scenario CLASS --classpath PATH}: the user's own scenarios. */
class HuntUserScenarioTest {
    /**
     * A user's scenario, compiled by the test into a directory the hunt does not otherwise see: an
     * account that two transfers debit without a lock, so they can overdraw it. Its setup caps the
     * steps, to show {@code configure} is applied.
     */
    private static final String BANK = """
            package com.example;

            import dev.lockstep.async.Async;
            import dev.lockstep.property.Scenario;
            import dev.lockstep.runtime.Simulation;

            public class Bank implements Scenario {
                @Override
                public Simulation.Builder configure(Simulation.Builder builder) {
                    return builder.maxSteps(%d);
                }

                @Override
                public void run(Simulation sim, int run) throws Exception {
                    int[] balance = {100};
                    for (int i = 0; i < 2; i++) {
                        sim.spawn("transfer-" + i, Async.async(a -> {
                            int seen = balance[0];
                            a.yieldNow();
                            if (seen >= 80) {
                                balance[0] = balance[0] - 80;
                            }
                            return null;
                        }));
                    }
                    sim.blockOn(Async.async(a -> { for (int k = 0; k < 6; k++) a.yieldNow(); return null; }));
                    if (balance[0] < 0) {
                        throw new Exception("overdrawn: balance " + balance[0]);
                    }
                }
            }
            """;

    @TempDir
    Path dir;

    /** Compiles {@code Bank} into {@code dir/<classes>} and returns that directory's name. */
    private String compileBank(String classes, int maxSteps) throws IOException {
        Path src = dir.resolve("src/com/example/Bank.java");
        Files.createDirectories(src.getParent());
        Files.writeString(src, BANK.formatted(maxSteps), StandardCharsets.UTF_8);
        Path out = Files.createDirectories(dir.resolve(classes));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertNotNull(javac, "the tests run on a JDK");
        int rc = javac.run(null, null, null, "-d", out.toString(), "-classpath", System.getProperty("java.class.path"),
                src.toString());
        assertEquals(0, rc, "javac of the user's scenario");
        return classes;
    }

    @Test
    void aScenarioClassOnARelativeClasspathWithSpacesIsHuntedShrunkAndReplayed()
            throws IOException, InterruptedException {
        String classes = compileBank("my classes", 100_000);
        HuntRun r = HuntRun.in(dir, "--scenario", "com.example.Bank", "--classpath", classes, "--runs", "300");
        assertEquals(1, r.code(), r.toString());
        assertTrue(r.out().startsWith("hunting com.example.Bank: 300 runs from seed 0"), r.out());
        assertTrue(r.out().contains("overdrawn: balance -60"), r.out());
        assertTrue(r.out().contains("shrunk:"), r.out());
        Matcher m = Pattern.compile("replay it: +\\./hunt --scenario com\\.example\\.Bank --classpath 'my classes'"
                + " --replay (lockstep:2:\\S*)").matcher(r.out());
        assertTrue(m.find(), r.out());
        HuntRun again = HuntRun.in(dir, "--scenario", "com.example.Bank", "--classpath", classes, "--replay",
                m.group(1));
        assertEquals(1, again.code(), again.toString());
        assertTrue(again.out().contains("overdrawn: balance -60"), again.out());
    }

    @Test
    void classpathMayBeGivenSeveralTimesOrAsCp() throws IOException, InterruptedException {
        String classes = compileBank("classes", 100_000);
        Files.createDirectories(dir.resolve("other"));
        HuntRun several = HuntRun.in(dir, "--scenario", "com.example.Bank", "--classpath", "other", "--classpath",
                classes, "--runs", "5");
        assertEquals(1, several.code(), several.toString());
        assertTrue(several.out().contains("--classpath other:classes --replay"), several.out());
        HuntRun cp = HuntRun.in(dir, "--scenario", "com.example.Bank", "-cp", "other" + File.pathSeparator + classes,
                "--runs", "5");
        assertEquals(1, cp.code(), cp.toString());
    }

    @Test
    void theScenariosOwnSetupIsApplied() throws IOException, InterruptedException {
        String classes = compileBank("limited", 3);
        HuntRun r = HuntRun.in(dir, "--scenario", "com.example.Bank", "--classpath", classes, "--runs", "5");
        assertEquals(1, r.code(), r.toString());
        assertTrue(r.out().contains("StepLimitException"), "maxSteps(3) from configure: " + r.out());
    }

    @Test
    void aScenarioOnTheHuntsOwnClassPathNeedsNoClasspath() throws InterruptedException {
        HuntRun r = HuntRun.in(dir, "--scenario", MailboxScenario.class.getName(), "--runs", "200");
        assertEquals(1, r.code(), r.toString());
        assertTrue(r.out().contains("LOST WAKEUP"), r.out());
        assertTrue(r.out().contains("replay it:    ./hunt --scenario " + MailboxScenario.class.getName() + " --replay "),
                r.out());
    }

    @Test
    void groupingWorksForUserScenariosToo() throws InterruptedException {
        HuntRun r = HuntRun.in(dir, "--scenario", MailboxScenario.class.getName(), "--all", "--runs", "100",
                "--shrink-time", "1");
        assertEquals(1, r.code(), r.toString());
        assertTrue(r.out().contains("distinct failure"), r.out());
    }

    @Test
    void anErrorTheScenarioThrowsIsAFailureThatIsShrunkAndReplayed() throws InterruptedException {
        for (String jobs : new String[] {"1", "2"}) {
            HuntRun r = HuntRun.in(dir, "--scenario", ThrowsError.class.getName(), "--runs", "50", "--jobs", jobs);
            assertEquals(1, r.code(), r.toString());
            assertTrue(r.out().contains("java.lang.Error: third value drawn"), r.out());
            assertTrue(r.out().contains("shrunk:       1 choices -> 1 choices"), r.out());
            Matcher m = Pattern.compile("--replay (lockstep:2:\\S+)").matcher(r.out());
            assertTrue(m.find(), r.out());
            HuntRun again = HuntRun.in(dir, "--scenario", ThrowsError.class.getName(), "--replay", m.group(1));
            assertEquals(1, again.code(), again.toString());
            assertTrue(again.out().contains("java.lang.Error: third value drawn"), again.out());
        }
    }

    /** Fails with an {@code Error} of its own (not an assertion) when it draws 2 of 0..3. */
    public static final class ThrowsError implements dev.lockstep.property.Scenario {
        @Override
        public void run(dev.lockstep.runtime.Simulation sim, int run) {
            if (sim.choices().between(0, 3) == 2) {
                throw new Error("third value drawn");
            }
        }
    }

    @Nested
    class Errors {
        private String bad(String... args) throws InterruptedException {
            HuntRun r = HuntRun.in(dir, args);
            assertEquals(2, r.code(), r.toString());
            return r.err();
        }

        @Test
        void aClassThatIsNotThereIsNamedWithTheClasspathSearched() throws InterruptedException, IOException {
            Files.createDirectories(dir.resolve("empty"));
            String err = bad("--scenario", "com.example.Missing", "--classpath", "empty");
            assertTrue(err.contains("class com.example.Missing is not on the class path [" + dir.resolve("empty") + "]"),
                    err);
        }

        @Test
        void aClassOnNoClasspathSaysToGiveOne() throws InterruptedException {
            assertTrue(bad("--scenario", "com.example.Missing").contains("give its directory or jar with --classpath"));
        }

        @Test
        void aMissingClasspathEntryIsNamed() throws InterruptedException {
            String err = bad("--scenario", "com.example.Bank", "--classpath", "nowhere" + File.pathSeparator + "x");
            assertTrue(err.contains("--classpath entry " + dir.resolve("nowhere") + " does not exist"), err);
        }

        @Test
        void aClassThatIsNoScenarioIsRefused() throws InterruptedException {
            assertTrue(bad("--scenario", "java.lang.String").contains("does not implement dev.lockstep.property.Scenario"));
        }

        @Test
        void aScenarioWithoutAPublicNoArgumentConstructorIsRefused() throws InterruptedException {
            assertTrue(bad("--scenario", NeedsArgument.class.getName()).contains("no public no-argument constructor"));
        }

        @Test
        void aConstructorThatThrowsIsReported() throws InterruptedException {
            assertTrue(bad("--scenario", Throwing.class.getName()).contains("threw java.lang.IllegalStateException: no"));
        }

        @Test
        void aConfigureThatThrowsStopsTheHuntInsteadOfPassingWithNoRuns() throws InterruptedException {
            for (String jobs : new String[] {"1", "3"}) {
                String err = bad("--scenario", BadSetup.class.getName(), "--runs", "10", "--jobs", jobs);
                assertTrue(err.contains("hunt: cannot set up a run of " + BadSetup.class.getName()
                        + ": maxSteps must be >= 1, got 0"), err);
            }
            String err = bad("--scenario", BadSetup.class.getName(), "--replay", "lockstep:2:AA");
            assertTrue(err.contains("maxSteps must be >= 1, got 0"), err);
        }
    }

    /** Not runnable: its setup is refused by the builder. */
    public static final class BadSetup implements dev.lockstep.property.Scenario {
        @Override
        public dev.lockstep.runtime.Simulation.Builder configure(dev.lockstep.runtime.Simulation.Builder builder) {
            return builder.maxSteps(0);
        }

        @Override
        public void run(dev.lockstep.runtime.Simulation sim, int run) {}
    }

    /** Not usable: its only constructor takes an argument. */
    public static final class NeedsArgument implements dev.lockstep.property.Scenario {
        public NeedsArgument(int x) {}

        @Override
        public void run(dev.lockstep.runtime.Simulation sim, int run) {}
    }

    /** Not usable: its constructor throws. */
    public static final class Throwing implements dev.lockstep.property.Scenario {
        public Throwing() {
            throw new IllegalStateException("no");
        }

        @Override
        public void run(dev.lockstep.runtime.Simulation sim, int run) {}
    }

}
