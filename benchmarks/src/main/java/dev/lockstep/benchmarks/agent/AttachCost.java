package dev.lockstep.benchmarks.agent;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The one-time cost of attaching the agent, which happens once per JVM and so is measured in
 * fresh child JVMs ({@link FirstAttach}), one after the other: the median over the children of
 * the wall time and the process CPU time of the first {@code LockstepAgent.attach()}, which
 * includes Byte Buddy's attach, the module export, the transformer and the retransformation of
 * the classes already loaded. Two ways: as a user's JVM starts by default (Byte Buddy attaches
 * from a helper process) and with {@code -Djdk.attach.allowAttachSelf=true} (it attaches from
 * inside the JVM).
 */
public final class AttachCost {
    private AttachCost() {}

    /** The figures of one way of attaching, medians over the children. */
    public record Figures(String how, int children, double wallNanos, double cpuNanos, double installNanos,
            double retransformed) {
        /** As a line under the side-by-side table. */
        public String line(String flags) {
            return String.format(Locale.ROOT, "one-time cost of the first `LockstepAgent.attach()` (%s%s), fresh JVM,"
                            + " median of %d: %.0f ms wall, %.0f ms CPU of the JVM; of that the installation"
                            + " (export, transformer, retransformation) %.0f ms; classes retransformed: %.0f",
                    how, flags.isEmpty() ? "" : ", " + flags, children, wallNanos / 1e6, cpuNanos / 1e6,
                    installNanos / 1e6, retransformed);
        }
    }

    /**
     * Starts {@code children} JVMs one after the other, each with {@code jvmFlags}, and returns the
     * medians of what they measured.
     *
     * @throws IllegalStateException if a child fails or prints no figures
     */
    public static Figures measure(int children, List<String> jvmFlags) throws IOException, InterruptedException {
        double[] wall = new double[children];
        double[] cpu = new double[children];
        double[] install = new double[children];
        double[] classes = new double[children];
        String how = "";
        for (int i = 0; i < children; i++) {
            String[] f = child(jvmFlags);
            how = f[1];
            wall[i] = Double.parseDouble(f[2]);
            cpu[i] = Double.parseDouble(f[3]);
            install[i] = Double.parseDouble(f[4]);
            classes[i] = Double.parseDouble(f[5]);
        }
        return new Figures(how, children, median(wall), median(cpu), median(install), median(classes));
    }

    private static String[] child(List<String> jvmFlags) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmFlags);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(FirstAttach.class.getName());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int code = p.waitFor();
        for (String line : out.split("\n")) {
            if (line.startsWith("first-attach ")) {
                String[] f = line.trim().split(" ");
                if (code == 0 && f.length >= 6) {
                    return f;
                }
            }
        }
        throw new IllegalStateException("the attach child (" + String.join(" ", cmd) + ") exited with " + code
                + " and printed:\n" + out);
    }

    private static double median(double[] xs) {
        double[] s = xs.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }
}
