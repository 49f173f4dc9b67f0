package dev.lockstep.benchmarks.report;

import java.util.List;
import java.util.Locale;

/**
 * Renders the benchmark table as Markdown: one line per {@link Row}, with both figures, their
 * ratio, the target and whether it was met, and the machine.
 *
 * <p>A figure reads {@code best (mean ±spread%)}, over the measurement iterations of all rounds;
 * the ratio divides best by best, and the ratio of the means follows in brackets (see
 * {@link Figures} for why).
 */
final class Table {
    private Table() {}

    /** The table for {@code rows} as measured in {@code figures} on {@code machine}. */
    static String render(List<Row> rows, Figures figures, String machine) {
        StringBuilder sb = new StringBuilder();
        sb.append("| row | what was measured | Lockstep, best (mean) | baseline | baseline's figure, best (mean) | ratio, best (mean) | target | machine |\n");
        sb.append("| --- | --- | ---: | --- | ---: | ---: | --- | --- |\n");
        for (Row r : rows) {
            Figures.Figure mine = figures.get(r.lockstep());
            Figures.Figure theirs = r.baseline() != null ? figures.get(r.baseline()) : null;
            if (mine == null || (r.baseline() != null && theirs == null)) {
                continue; // not run this time (a restricted run)
            }
            double ratio = mine.best() / (theirs != null ? theirs.best() : r.fixedRate());
            double meanRatio = mine.mean() / (theirs != null ? theirs.mean() : r.fixedRate());
            sb.append("| ").append(r.row())
                    .append(" | ").append(r.what())
                    .append(" | ").append(rate(mine))
                    .append(" | ").append(r.baselineName())
                    .append(" | ").append(theirs != null ? rate(theirs) : rate(r.fixedRate()))
                    .append(" | ").append(times(ratio)).append(" (").append(times(meanRatio)).append(")")
                    .append(" | ").append(verdict(r.target(), ratio))
                    .append(" | ").append(machine)
                    .append(" |\n");
        }
        return sb.toString();
    }

    private static String verdict(double target, double ratio) {
        if (target <= 0) {
            return "(no target)";
        }
        String want = String.format(Locale.ROOT, "≥ %.2g×", target);
        return ratio >= target ? want + " met" : want + " **MISSED**";
    }

    /** Two decimals; two significant digits below 0.1, so a small ratio does not read as 0.01 or 0.00. */
    private static String times(double r) {
        return String.format(Locale.ROOT, r >= 0.1 ? "%.2f×" : "%.2g×", r);
    }

    private static String rate(Figures.Figure f) {
        return rate(f.best()) + " (" + rate(f.mean()) + String.format(Locale.ROOT, " ±%.0f%%", 100 * f.spread()) + ")";
    }

    private static String rate(double perSecond) {
        if (perSecond >= 1e6) {
            return String.format(Locale.ROOT, "%.2fM/s", perSecond / 1e6);
        }
        if (perSecond >= 1e3) {
            return String.format(Locale.ROOT, "%.1fk/s", perSecond / 1e3);
        }
        return String.format(Locale.ROOT, "%.1f/s", perSecond);
    }
}
