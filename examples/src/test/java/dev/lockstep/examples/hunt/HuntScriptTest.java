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
        List<String> command = new ArrayList<>(List.of("../check out/hunt"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(caller.toFile());
        Map<String, String> env = pb.environment();
        env.remove("JAVA_HOME");
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
        assertTrue(r.out().contains("replay it:    '../check out/hunt' lost-wakeup --replay lockstep:1:"), r.out());
    }
}
