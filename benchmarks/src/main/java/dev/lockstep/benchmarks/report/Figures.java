package dev.lockstep.benchmarks.report;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;

/**
 * The scores of one or more rounds of JMH runs, looked up by benchmark method and parameters.
 *
 * <p>Each figure pools the measurement iterations of every round and fork of a benchmark and keeps
 * the best, the mean and the spread. On a shared machine other processes only ever slow a
 * benchmark down, and they come and go: the best iteration, taken from rounds minutes apart, is
 * the closer estimate of what the code can do, so the table's ratios compare best with best; the
 * means are printed beside them.
 *
 * <p>A key is the simple class name, a dot and the method, then any parameters in brackets:
 * {@code WakePollBenchmark.lockstep[tasks=100]}, {@code TimerBenchmark.priorityQueue}.
 */
final class Figures {
    /**
     * One benchmark's score, in operations per second.
     *
     * @param best       the best measurement iteration
     * @param mean       the mean over all measurement iterations
     * @param spread     the standard deviation of the iterations over their mean (0 for one iteration)
     * @param iterations how many measurement iterations were pooled
     */
    record Figure(double best, double mean, double spread, int iterations) {}

    private final Map<String, List<Double>> scores = new LinkedHashMap<>();

    /** Pools {@code results}, one collection per round. */
    Figures(List<Collection<RunResult>> rounds) {
        for (Collection<RunResult> round : rounds) {
            for (RunResult r : round) {
                List<Double> list = scores.computeIfAbsent(key(r.getParams()), k -> new ArrayList<>());
                for (BenchmarkResult fork : r.getBenchmarkResults()) {
                    for (IterationResult it : fork.getIterationResults()) {
                        list.add(it.getPrimaryResult().getScore());
                    }
                }
            }
        }
    }

    /** The figure of {@code key}, or null when that benchmark was not run. */
    Figure get(String key) {
        List<Double> list = scores.get(key);
        if (list == null || list.isEmpty()) {
            return null;
        }
        double best = 0;
        double sum = 0;
        for (double s : list) {
            best = Math.max(best, s);
            sum += s;
        }
        double mean = sum / list.size();
        double squares = 0;
        for (double s : list) {
            squares += (s - mean) * (s - mean);
        }
        double spread = list.size() > 1 && mean > 0 ? Math.sqrt(squares / (list.size() - 1)) / mean : 0;
        return new Figure(best, mean, spread, list.size());
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
