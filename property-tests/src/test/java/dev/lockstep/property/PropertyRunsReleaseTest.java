package dev.lockstep.property;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Every run of a property ends its simulation, passed or failed, so a long check holds no more
 * memory than one run: 100,000 runs that each leave an async server loop suspended complete in a
 * JVM limited to a 64 MB heap, on both generator backends. (Before runs were ended, each
 * suspended loop kept a parked virtual thread, and the thread backend ran out of memory.)
 */
class PropertyRunsReleaseTest {
    static final int RUNS = 100_000;

    /** Runs {@link ManyRunsInABoundedHeap} in a new JVM with {@code flags}; returns its exit code and output. */
    static String fork(List<String> flags) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx64m");
        cmd.add("-XX:+ExitOnOutOfMemoryError");
        cmd.addAll(flags);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(ManyRunsInABoundedHeap.class.getName());
        cmd.add(String.valueOf(RUNS));
        cmd.add("1");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "the forked check did not end");
        return "exit " + p.exitValue() + "\n" + out;
    }

    @Nested
    class InABoundedHeap {
        @Test
        void aHundredThousandRunsLeavingSuspendedAsyncBodiesPassOnTheVirtualThreadBackend() throws Exception {
            String out = fork(List.of("-Dlockstep.generator=thread"));
            assertTrue(out.startsWith("exit 0\n") && out.contains("passed " + RUNS), out);
        }

        @Test
        void aHundredThousandRunsLeavingSuspendedAsyncBodiesPassOnTheContinuationBackend() throws Exception {
            String out = fork(List.of("--add-exports", "java.base/jdk.internal.vm=ALL-UNNAMED",
                    "-Dlockstep.generator=continuation"));
            assertEquals("exit 0\npassed " + RUNS, out.strip(), out);
        }
    }
}
