package dev.lockstep.io.nio;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Child JVMs running {@link KillablePeer}, each a real peer process on loopback, and the one place
 * that ends them: {@link #close()} kills every child still alive, so a test that uses this in
 * try-with-resources leaves none behind, passed or failed. (Each child also exits when its stdin
 * ends, should this JVM die first.)
 *
 * <p>A child runs the same {@code java} binary as this JVM
 * ({@code ProcessHandle.current().info().command()}, else {@code java.home}'s) with this JVM's
 * class path ({@code java.class.path}), and small-heap,
 * quick-start flags; it starts in well under a second. Every wait here is for an event (a line
 * of the child's output, its exit) with a generous bound, never a pause.
 *
 * <h2>Threads</h2>
 * The methods block; the behaviour suite calls them through {@link OffThread}. Safe for use from
 * several threads.
 */
final class PeerProcesses implements AutoCloseable {
    /** How long a child may take to start and connect, to report, or to die after the kill. */
    static final long BOUND_SECONDS = 20;

    private final List<Peer> started = new ArrayList<>();
    /** Set by {@link #close()}: no child starts after it. */
    private boolean closed;

    /** A child's output, line by line (stderr merged), read by a thread of its own. */
    static final class Peer {
        private final String name;
        private final Process process;
        private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        private final List<String> seen = new ArrayList<>();

        private Peer(String name, Process process) {
            this.name = name;
            this.process = process;
            Thread reader = new Thread(this::pump, "peer-process-" + name + "-output");
            reader.setDaemon(true);
            reader.start();
        }

        private void pump() {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    lines.add(line);
                }
            } catch (IOException e) {
                lines.add("(output unreadable: " + e + ")");
            }
            lines.add(END);
        }

        /**
         * Waits for the child's next line and returns it if it starts with {@code prefix}.
         *
         * @throws IllegalStateException if it says something else, its output ends, or nothing
         *     comes within the bound; the message has everything the child printed
         */
        String awaitLine(String prefix) throws InterruptedException {
            String line = lines.poll(BOUND_SECONDS, TimeUnit.SECONDS);
            if (line != null && line != END) {
                seen.add(line);
            }
            if (line == null || line == END || !line.startsWith(prefix)) {
                throw new IllegalStateException("peer process " + name + " (pid " + process.pid() + ") did not print '"
                        + prefix + "...': " + (line == null ? "nothing came within " + BOUND_SECONDS + " s"
                        : line == END ? "its output ended (exit " + exitValue() + ")" : "it printed '" + line
                        + "' instead") + "; all it printed: " + seen);
            }
            return line;
        }

        /**
         * Kills the child with {@code SIGKILL} and waits until it is gone: then the kernel has
         * closed its sockets (a process's files are closed before its parent learns of its exit).
         */
        void kill() throws InterruptedException {
            process.destroyForcibly();
            if (!process.waitFor(BOUND_SECONDS, TimeUnit.SECONDS)) {
                throw new IllegalStateException("peer process " + name + " (pid " + process.pid()
                        + ") still runs " + BOUND_SECONDS + " s after SIGKILL");
            }
        }

        private String exitValue() {
            try {
                return String.valueOf(process.waitFor(BOUND_SECONDS, TimeUnit.SECONDS) ? process.exitValue() : "none");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "unknown";
            }
        }
    }

    /** The line {@code pump} adds when the output ends (compared by identity). */
    private static final String END = new String("(end of output)");

    /**
     * Starts a child that connects to {@code server} (a loopback address) and waits until it says
     * it is connected.
     */
    Peer start(String name, InetSocketAddress server) throws InterruptedException {
        String java = ProcessHandle.current().info().command().orElseGet(() -> Path.of(System.getProperty(
                "java.home"), "bin", "java").toString());
        ProcessBuilder pb = new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx32m",
                "-Xss512k", "-cp", System.getProperty("java.class.path"), KillablePeer.class.getName(),
                server.getAddress().getHostAddress(), String.valueOf(server.getPort())).redirectErrorStream(true);
        Peer peer;
        synchronized (started) {
            if (closed) {
                throw new IllegalStateException("peer process " + name + " not started: the scenario already ended");
            }
            try {
                peer = new Peer(Objects.requireNonNull(name), pb.start());
            } catch (IOException e) {
                throw new UncheckedIOException("starting peer process " + name + ": " + pb.command(), e);
            }
            started.add(peer);
        }
        peer.awaitLine("connected");
        return peer;
    }

    /** Kills every child still alive and waits for each to be gone. */
    @Override
    public void close() {
        List<Peer> all;
        synchronized (started) {
            closed = true;
            all = List.copyOf(started);
            started.clear();
        }
        for (Peer p : all) {
            p.process.destroyForcibly();
        }
        for (Peer p : all) {
            try {
                p.process.waitFor(BOUND_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
