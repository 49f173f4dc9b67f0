package dev.lockstep.examples.hunt;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * One in-process call of the {@code hunt} command's main logic, as the tests make it: the exit
 * code and what it printed.
 *
 * @param code the exit code
 * @param out  standard output
 * @param err  standard error
 */
record HuntRun(int code, String out, String err) {

    /** Runs {@code hunt args} as if started in {@code workingDir}, named {@code ./hunt}. */
    static HuntRun in(Path workingDir, String... args) throws InterruptedException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Hunt h = new Hunt(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), "./hunt", workingDir);
        int code = h.run(List.of(args));
        return new HuntRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Both streams, for assertion messages. */
    @Override
    public String toString() {
        return "exit " + code + "\\n--- out ---\\n" + out + "\\n--- err ---\\n" + err;
    }
}
