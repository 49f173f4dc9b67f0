package dev.lockstep.benchmarks.report;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;

/**
 * The scores of one JMH run, looked up by benchmark method and parameters.
 *
 * <p>Each figure keeps JMH's mean with its error and the best measurement iteration. On a shared
 * machine other processes only ever slow a benchmark down, so the best iteration is the closer
 * estimate of what the code can do, and the table's ratios compare best with best; the means are
 * printed beside them.
 *
 * <p>A key is the simple class name, a dot and the method, then any parameters in brackets:
 * {@code WakePollBenchmark.lockstep[tasks=100]}, {@code TimerBenchmark.priorityQueue}.
 */
final class Figures {
    /**
     * One benchmark's score, in its unit (operations per second here).
     *
     * @param best  the best measurement iteration
     * @param mean  the mean over all measurement iterations (and forks)
     * @param error the 99.9% confidence half-width of the mean, NaN with too few iterations
     */
    record Figure(double best, double mean, double error, String unit) {}

    private final Map<String, Figure> byKey = new LinkedHashMap<>();

    Figures(Collection<RunResult> results) {
        for (RunResult r : results) {
            Result<?> primary = r.getPrimaryResult();
            double best = Double.NaN;
            for (BenchmarkResult fork : r.getBenchmarkResults()) {
                for (IterationResult it : fork.getIterationResults()) {
                    double score = it.getPrimaryResult().getScore();
                    best = Double.isNaN(best) ? score : Math.max(best, score);
                }
            }
            byKey.put(key(r.getParams()),
                    new Figure(best, primary.getScore(), primary.getScoreError(), primary.getScoreUnit()));
        }
    }

    /** The figure of {@code key}, or null when that benchmark was not run. */
    Figure get(String key) {
        return byKey.get(key);
    }

    /** Every key measured, in run order (for a run restricted to some benchmarks). */
    Iterable<String> keys() {
        return byKey.keySet();
    }

    private static String key(BenchmarkParams p) {
        String full = p.getBenchmark();
        int method = full.lastIndexOf('.');
        int type = full.lastIndexOf('.', method - 1);
        StringBuilder sb = new StringBuilder(full.substring(type + 1));
        if (!p.getParamsKeys().isEmpty()) {
            sb.append('[');
            String sep = "";
            for (String k : p.getParamsKeys()) {
                sb.append(sep).append(k).append('=').append(p.getParam(k));
                sep = ",";
            }
            sb.append(']');
        }
        return sb.toString();
    }
}
