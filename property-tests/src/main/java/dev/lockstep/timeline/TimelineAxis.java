package dev.lockstep.timeline;

import dev.lockstep.trace.TraceEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The virtual-time axis of a timeline: where each shown event sits when the axis measures time.
 *
 * <h2>Instants and gaps</h2>
 * Events at one virtual instant form a burst, one unit per event in trace order (a
 * {@code ClockAdvanced} event takes no unit; it sits where its instant begins). Between two
 * instants lies a gap whose length is proportional to the virtual time between them, at one scale
 * ({@link #unitsPerNano()}) for the whole run. So inside a gap, distances on the axis are
 * proportional to virtual time, and a tick at time {@code T} in the gap after instant {@code t}
 * sits at {@code burstEnd(t) + (T - t) * unitsPerNano}.
 *
 * <h2>Scale</h2>
 * The scale gives the unfolded gaps together as many units as there are events (at least
 * {@link #MIN_GAP_UNITS}), so time and events get about half of the axis each.
 *
 * <h2>Folded gaps</h2>
 * A long idle gap would squeeze everything else: a gap is folded, drawn {@link #FOLD_UNITS} wide
 * and labelled with its length, when it is more than {@link #FOLD_OVER_MEDIAN} times the median
 * gap and more than {@link #FOLD_SHARE} of the time of the gaps not folded yet (largest first).
 * No tick is drawn inside a folded gap.
 *
 * <h2>Ticks</h2>
 * Besides a tick at the start of each instant, labelled ticks at round times ({@code 1}, {@code 2}
 * or {@code 5} times a power of ten nanoseconds, about {@link #TICK_TARGET} over the unfolded time
 * and at least three in the median gap; see {@link #tickInterval(long, List, boolean[])}) are
 * placed in the gaps, each tagged with the gap it is in and labelled in the unit that suits it
 * ({@link TimelineModel#shortTime}).
 */
final class TimelineAxis {
    /** Width of a folded gap, in units. */
    static final double FOLD_UNITS = 2.5;
    /** A gap this many times the median gap may be folded. */
    static final double FOLD_OVER_MEDIAN = 40;
    /** ... if it is also more than this share of the time not folded yet. */
    static final double FOLD_SHARE = 0.4;
    /** Units the unfolded gaps get at least. */
    static final double MIN_GAP_UNITS = 12;
    /** About how many round-time ticks to place. */
    static final int TICK_TARGET = 8;
    /** No more round-time ticks than this. */
    static final int MAX_TICKS = 400;

    /** Where an instant begins on the time axis; {@code event} is its clock event or {@code -1}. */
    record Instant(double x, long nanos, int event) {}

    /** A tick at round time {@code nanos}, at {@code x}, in gap {@code gap} (its index). */
    record TimeTick(double x, long nanos, int gap) {}

    /** A folded gap at {@code x}, {@link #FOLD_UNITS} wide, from one instant to the next. */
    record Fold(double x, double width, long fromNanos, long toNanos) {
        /** {@code 1.950s idle}. */
        String label() {
            return TimelineModel.time(toNanos - fromNanos) + " idle";
        }
    }

    private final double[] tx;
    private final double width;
    private final double unitsPerNano;
    private final List<Instant> instants;
    private final List<TimeTick> ticks;
    private final List<Fold> folds;

    private TimelineAxis(double[] tx, double width, double unitsPerNano, List<Instant> instants, List<TimeTick> ticks,
            List<Fold> folds) {
        this.tx = tx;
        this.width = width;
        this.unitsPerNano = unitsPerNano;
        this.instants = List.copyOf(instants);
        this.ticks = List.copyOf(ticks);
        this.folds = List.copyOf(folds);
    }

    /** The axis for {@code shown}, in trace order (virtual time never decreases along it). */
    static TimelineAxis of(List<TraceEvent> shown) {
        int n = shown.size();
        List<Long> gaps = new ArrayList<>();
        int drawn = 0;
        for (int i = 0; i < n; i++) {
            if (i > 0 && shown.get(i).nanos() != shown.get(i - 1).nanos()) {
                gaps.add(Math.max(0, shown.get(i).nanos() - shown.get(i - 1).nanos()));
            }
            if (!(shown.get(i) instanceof TraceEvent.ClockAdvanced)) {
                drawn++;
            }
        }
        boolean[] folded = foldedGaps(gaps);
        long unfolded = 0;
        for (int g = 0; g < gaps.size(); g++) {
            unfolded += folded[g] ? 0 : gaps.get(g);
        }
        double k = unfolded == 0 ? 0 : Math.max(MIN_GAP_UNITS, drawn) / unfolded;
        long interval = tickInterval(unfolded, gaps, folded);

        double[] tx = new double[n];
        List<Instant> instants = new ArrayList<>();
        List<TimeTick> ticks = new ArrayList<>();
        List<Fold> folds = new ArrayList<>();
        double pos = 0;
        int gap = -1;
        for (int i = 0; i < n; i++) {
            TraceEvent e = shown.get(i);
            boolean clock = e instanceof TraceEvent.ClockAdvanced;
            if (i == 0 || e.nanos() != shown.get(i - 1).nanos()) {
                if (i > 0) {
                    gap++;
                    long from = shown.get(i - 1).nanos();
                    long to = e.nanos();
                    if (folded[gap]) {
                        folds.add(new Fold(pos, FOLD_UNITS, from, to));
                        pos += FOLD_UNITS;
                    } else {
                        addTicks(ticks, pos, from, to, k, interval, gap);
                        pos += (to - from) * k;
                    }
                }
                instants.add(new Instant(pos, e.nanos(), clock ? i : -1));
            } else if (clock) {
                Instant last = instants.get(instants.size() - 1);
                instants.set(instants.size() - 1, new Instant(last.x(), last.nanos(), i));
            }
            tx[i] = pos;
            if (!clock) {
                pos += 1;
            }
        }
        return new TimelineAxis(tx, pos, k, instants, ticks, folds);
    }

    private static void addTicks(List<TimeTick> ticks, double x0, long from, long to, double k, long interval,
            int gap) {
        if (interval <= 0) {
            return;
        }
        for (long t = (from / interval + 1) * interval; t < to && ticks.size() < MAX_TICKS; t += interval) {
            ticks.add(new TimeTick(x0 + (t - from) * k, t, gap));
        }
    }

    /** Which gaps to fold: the largest first, while each is long against the median and the rest. */
    static boolean[] foldedGaps(List<Long> gaps) {
        boolean[] folded = new boolean[gaps.size()];
        if (gaps.size() < 2) {
            return folded;
        }
        List<Long> sorted = new ArrayList<>(gaps);
        sorted.sort(null);
        double median = sorted.get(sorted.size() / 2);
        long rest = 0;
        for (long g : gaps) {
            rest += g;
        }
        while (true) {
            int largest = -1;
            for (int g = 0; g < gaps.size(); g++) {
                if (!folded[g] && (largest < 0 || gaps.get(g) > gaps.get(largest))) {
                    largest = g;
                }
            }
            if (largest < 0) {
                return folded;
            }
            long len = gaps.get(largest);
            if (len <= FOLD_OVER_MEDIAN * median || len <= FOLD_SHARE * rest) {
                return folded;
            }
            folded[largest] = true;
            rest -= len;
        }
    }

    /**
     * The interval of round-time ticks: about {@link #TICK_TARGET} over the unfolded time, but at
     * most a third of the median unfolded gap, so that runs whose instants are evenly spaced (a
     * tick every millisecond) still get ticks inside their gaps.
     */
    static long tickInterval(long unfolded, List<Long> gaps, boolean[] folded) {
        List<Long> open = new ArrayList<>();
        for (int g = 0; g < gaps.size(); g++) {
            if (!folded[g] && gaps.get(g) > 0) {
                open.add(gaps.get(g));
            }
        }
        if (open.isEmpty()) {
            return 0;
        }
        open.sort(null);
        double raw = Math.min((double) unfolded / TICK_TARGET, open.get(open.size() / 2) / 3.0);
        return nice(Math.max(1, raw));
    }

    /** A round interval (1, 2 or 5 times a power of ten ns) giving about {@link #TICK_TARGET} ticks over {@code span}. */
    static long tickInterval(long span) {
        if (span <= 0) {
            return 0;
        }
        return nice((double) span / TICK_TARGET);
    }

    /** The smallest of 1, 2 or 5 times a power of ten that is at least {@code raw}. */
    private static long nice(double raw) {
        long p = 1;
        while (p <= Long.MAX_VALUE / 10 && p * 10 <= raw) {
            p *= 10;
        }
        for (long m : new long[] {1, 2, 5, 10}) {
            if (p * m >= raw) {
                return p * m;
            }
        }
        return p * 10;
    }

    /** The position of shown event {@code i}. */
    double tx(int i) {
        return tx[i];
    }

    /** The axis length in units. */
    double width() {
        return width;
    }

    /** Units per nanosecond of virtual time inside unfolded gaps ({@code 0}: time never moves). */
    double unitsPerNano() {
        return unitsPerNano;
    }

    List<Instant> instants() {
        return instants;
    }

    List<TimeTick> ticks() {
        return ticks;
    }

    List<Fold> folds() {
        return folds;
    }

    /** Writes the axis as the {@code time} member of the model's JSON. */
    void toJson(TimelineJson j) {
        j.beginObject().member("width", width).name("k").value(String.format(Locale.ROOT, "%.6e", unitsPerNano));
        j.name("instants").beginArray();
        for (Instant in : instants) {
            j.beginObject().member("x", in.x()).member("n", in.nanos()).member("t", TimelineModel.time(in.nanos()))
                    .member("e", in.event()).endObject();
        }
        j.endArray().name("ticks").beginArray();
        for (TimeTick t : ticks) {
            j.beginObject().member("x", t.x()).member("n", t.nanos()).member("t", TimelineModel.shortTime(t.nanos()))
                    .member("g", t.gap()).endObject();
        }
        j.endArray().name("folds").beginArray();
        for (Fold f : folds) {
            j.beginObject().member("x", f.x()).member("w", f.width()).member("from", TimelineModel.time(f.fromNanos()))
                    .member("to", TimelineModel.time(f.toNanos())).member("label", f.label()).endObject();
        }
        j.endArray().endObject();
    }
}
