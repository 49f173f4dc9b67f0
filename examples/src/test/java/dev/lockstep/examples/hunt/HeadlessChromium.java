package dev.lockstep.examples.hunt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;

/**
 * Debian's {@code chromium}, run headless on a local page: the DOM its script built, or a
 * screenshot.
 *
 * <p>Without Chromium on the {@code PATH} the calling test is skipped, except when the environment
 * variable {@code CI} is set: CI installs Chromium ({@code .ci/run}), so there its absence fails.
 */
final class HeadlessChromium {
    private static final long TIMEOUT_SECONDS = 90;

    private final Path binary;
    private final Path scratch;

    private HeadlessChromium(Path binary, Path scratch) {
        this.binary = binary;
        this.scratch = scratch;
    }

    /** The browser, with {@code scratch} for its profiles and logs; skips or fails the test without one. */
    static HeadlessChromium find(Path scratch) {
        Optional<Path> chromium = onPath("chromium");
        if (chromium.isEmpty()) {
            if (System.getenv("CI") != null) {
                fail("chromium is not on the PATH, but CI is set: .ci/run should have installed it"
                        + " (apt-get install -y chromium)");
            }
            Assumptions.assumeTrue(false, "chromium is not installed (apt-get install -y chromium);"
                    + " skipping the browser test outside CI");
        }
        return new HeadlessChromium(chromium.get(), scratch);
    }

    /** The DOM of {@code page} (with {@code fragment} after {@code #}, or none when empty) once its script ran. */
    String dom(Path page, String fragment) throws IOException, InterruptedException {
        Path out = Files.createTempFile(scratch, "dom", ".html");
        run(out, List.of("--dump-dom", url(page, fragment)));
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    /** A {@code width} by {@code height} screenshot of {@code page} into {@code png}. */
    void screenshot(Path page, String fragment, Path png, int width, int height)
            throws IOException, InterruptedException {
        Files.createDirectories(png.toAbsolutePath().getParent());
        run(Files.createTempFile(scratch, "shot", ".txt"), List.of("--screenshot=" + png.toAbsolutePath(),
                "--window-size=" + width + "," + height, "--hide-scrollbars", url(page, fragment)));
        if (!Files.isRegularFile(png) || Files.size(png) < 1000) {
            fail("chromium wrote no screenshot to " + png);
        }
    }

    private static String url(Path page, String fragment) {
        String uri = page.toAbsolutePath().toUri().toString();
        return fragment.isEmpty() ? uri : uri + "#" + fragment;
    }

    private void run(Path stdout, List<String> args) throws IOException, InterruptedException {
        Path err = Files.createTempFile(scratch, "chromium", ".log");
        List<String> command = new ArrayList<>(List.of(binary.toString(), "--headless", "--no-sandbox",
                "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + Files.createTempDirectory(scratch, "profile"), "--virtual-time-budget=5000"));
        command.addAll(args);
        Process p = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            fail("chromium did not finish within " + TIMEOUT_SECONDS + " s; its log: " + err);
        }
        assertEquals(0, p.exitValue(), "chromium exit code; its log: " + err);
    }

    /** The first executable {@code name} in a {@code PATH} directory. */
    private static Optional<Path> onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String d : path.split(Pattern.quote(File.pathSeparator))) {
            if (d.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(d, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
