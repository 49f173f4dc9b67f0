package dev.lockstep.examples.hunt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./hunt} script at the repository root, run as a user runs it, from another directory.
 *
 * <p>The script is copied into a scratch checkout whose build output it finds already made and
 * newer than its (absent) sources, so it runs no Maven: {@code classpath} holds this test's class
 * path and {@code java.properties} records the JDK these tests run on, as the build would. What is tested
 * is the script's part: finding the JDK without {@code JAVA_HOME}, passing arguments unchanged,
 * running in the caller's directory, and handing on the exit code.
 */
class HuntScriptTest {
    private static final long TIMEOUT_SECONDS = 120;

    @TempDir
    Path tmp;

    private Path checkout;
    private Path caller;

    @BeforeEach
    void layOutACheckoutWithItsBuildOutput() throws IOException {
        checkout = Files.createDirectories(tmp.resolve("check out"));
        Path script = checkout.resolve("hunt");
        Files.copy(repositoryRoot().resolve("hunt"), script);
        assertTrue(script.toFile().setExecutable(true));
        Path out = Files.createDirectories(checkout.resolve("examples/target/hunt"));
        Files.createDirectories(checkout.resolve("examples/target/classes"));
        Files.writeString(out.resolve("classpath"), System.getProperty("java.class.path"), StandardCharsets.UTF_8);
        Files.writeString(out.resolve("java.properties"),
                "Property settings:\n    java.home = " + System.getProperty("java.home") + "\n    java.version = "
                        + System.getProperty("java.version") + "\n", StandardCharsets.UTF_8);
        caller = Files.createDirectories(tmp.resolve("work dir"));
    }

    /** The repository root: the parent of the examples module the tests run in. */
    private static Path repositoryRoot() {
        Path here = Path.of("").toAbsolutePath();
        Path root = Files.isRegularFile(here.resolve("hunt")) ? here : here.getParent();
        assertTrue(Files.isRegularFile(root.resolve("hunt")), "the hunt script in " + root);
        return root;
    }

    private record Result(int code, String out, String err) {}

    /** Runs {@code ../check out/hunt args} from the caller's directory, with no JAVA_HOME. */
    private Result script(String... args) throws IOException, InterruptedException {
        return script(Map.of(), args);
    }

    /** As {@link #script(String...)}, with {@code extraEnv} added (a {@code PATH} is put first). */
    private Result script(Map<String, String> extraEnv, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("../check out/hunt"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(caller.toFile());
        Map<String, String> env = pb.environment();
        env.remove("JAVA_HOME");
        for (Map.Entry<String, String> e : extraEnv.entrySet()) {
            env.put(e.getKey(), e.getKey().equals("PATH") ? e.getValue() + ":" + env.get("PATH") : e.getValue());
        }
        Path outFile = tmp.resolve("out.txt");
        Path errFile = tmp.resolve("err.txt");
        pb.redirectOutput(outFile.toFile()).redirectError(errFile.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE);
        Process p = pb.start();
        p.getOutputStream().close();
        if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            fail("./hunt did not finish in " + TIMEOUT_SECONDS + " s");
        }
        return new Result(p.exitValue(), Files.readString(outFile, StandardCharsets.UTF_8),
                Files.readString(errFile, StandardCharsets.UTF_8));
    }

    @Test
    void withoutArgumentsItPrintsTheUsageAndExitsTwoAndWithHelpZero() throws IOException, InterruptedException {
        Result none = script();
        assertEquals(2, none.code(), none.toString());
        assertTrue(none.err().contains("usage: hunt"), none.toString());
        assertFalse(none.err().contains("building"), "nothing was stale, so no build: " + none);
        Result help = script("--help");
        assertEquals(0, help.code(), help.toString());
        assertTrue(help.out().startsWith("usage: hunt"), help.toString());
    }

    @Test
    void argumentsWithSpacesArriveUnchangedAndPathsAreTheCallersAndTheExitCodeIsKept()
            throws IOException, InterruptedException {
        Result r = script("lost-wakeup", "--runs", "200", "--html", "my runs/lost wakeup.html");
        assertEquals(1, r.code(), r.toString());
        assertTrue(Files.isRegularFile(caller.resolve("my runs/lost wakeup.html")), r.toString());
        assertTrue(r.out().contains("replay it:    '../check out/hunt' lost-wakeup --replay lockstep:2:"), r.out());
    }

    /**
     * A stand-in for Maven first on the {@code PATH}: it logs each call (directory and arguments)
     * and writes the build output the real build would, or fails with a compiler error when
     * {@code FAKE_MVN_FAIL} is set.
     */
    private Map<String, String> fakeMaven() throws IOException {
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        Path stash = Files.createDirectories(tmp.resolve("stash"));
        Path out = checkout.resolve("examples/target/hunt");
        Files.copy(out.resolve("classpath"), stash.resolve("classpath"));
        Files.copy(out.resolve("java.properties"), stash.resolve("java.properties"));
        Path mvn = bin.resolve("mvn");
        Files.writeString(mvn, """
                #!/usr/bin/env bash
                echo "$PWD|$*" >> '%1$s'
                if [[ -n "${FAKE_MVN_FAIL:-}" ]]; then echo "[ERROR] Hunt.java:[1,1] error: compilation failed"; exit 1; fi
                mkdir -p examples/target/hunt examples/target/classes
                cp '%2$s/classpath' '%2$s/java.properties' examples/target/hunt/
                """.formatted(tmp.resolve("mvn-calls"), stash), StandardCharsets.UTF_8);
        assertTrue(mvn.toFile().setExecutable(true));
        return Map.of("PATH", bin.toString());
    }

    private List<String> mavenCalls() throws IOException {
        Path log = tmp.resolve("mvn-calls");
        return Files.exists(log) ? Files.readAllLines(log) : List.of();
    }

    /** Makes the build output older than a POM of the checkout. */
    private void editAPom() throws IOException {
        Path pom = checkout.resolve("pom.xml");
        Files.writeString(pom, "<project/>\n", StandardCharsets.UTF_8);
        long now = System.currentTimeMillis();
        assertTrue(checkout.resolve("examples/target/hunt/java.properties").toFile().setLastModified(now - 60_000));
        assertTrue(pom.toFile().setLastModified(now - 30_000));
    }

    @Test
    void aChangedSourceRebuildsWithOneQuietMavenCallThenNotAgain() throws IOException, InterruptedException {
        Map<String, String> env = fakeMaven();
        Result unchanged = script(env, "--help");
        assertEquals(0, unchanged.code(), unchanged.toString());
        assertEquals(List.of(), mavenCalls(), "nothing stale, no build");
        editAPom();
        Result first = script(env, "--help");
        assertEquals(0, first.code(), first.toString());
        assertTrue(first.err().contains("hunt: building the command"), first.toString());
        assertEquals(List.of(checkout + "|-q -B -Dstyle.color=never -Phunt -Dmaven.test.skip=true -pl examples -am package"),
                mavenCalls(), "one quiet Maven call, in the checkout");
        Result second = script(env, "--help");
        assertEquals(0, second.code(), second.toString());
        assertEquals(1, mavenCalls().size(), "built once");
        assertFalse(second.err().contains("building"), second.toString());
    }

    @Test
    void aMissingClassPathEntryRebuilds() throws IOException, InterruptedException {
        Map<String, String> env = fakeMaven();
        Files.writeString(checkout.resolve("examples/target/hunt/classpath"), tmp.resolve("gone.jar").toString(),
                StandardCharsets.UTF_8);
        Result r = script(env, "--list");
        assertEquals(0, r.code(), r.toString());
        assertEquals(1, mavenCalls().size(), r.toString());
    }

    @Test
    void aFailedBuildShowsMavensErrorsAndExitsTwo() throws IOException, InterruptedException {
        Map<String, String> env = new java.util.HashMap<>(fakeMaven());
        env.put("FAKE_MVN_FAIL", "1");
        editAPom();
        Result r = script(env, "lost-wakeup");
        assertEquals(2, r.code(), r.toString());
        assertTrue(r.err().contains("[ERROR] Hunt.java:[1,1] error: compilation failed"), r.toString());
        assertTrue(r.err().contains("hunt: the build failed"), r.toString());
        assertEquals("", r.out());
    }
}
