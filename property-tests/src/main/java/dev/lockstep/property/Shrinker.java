package dev.lockstep.property;

import dev.lockstep.choice.Choices;
import dev.lockstep.choice.Replay;
import dev.lockstep.choice.ReplaySetup;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * Shrinks a failing choice sequence to the shortest, then smallest, one that still fails the same
 * way.
 *
 * <h2>Order</h2>
 * Sequences are compared shortlex: a shorter sequence is smaller; among equal lengths the
 * lexicographically smaller one is. Trailing zeros are dropped first (a replay that runs out
 * answers 0, so they change nothing). Every accepted candidate is strictly smaller than the
 * current sequence, so a shrink always ends.
 *
 * <h2>Setup first</h2>
 * A run's setup (the fault plan as drawn, the scheduler) is shrunk before its choices, by
 * {@link SetupShrink}: each fault switched off, then the wake delay and PCT's depth lowered, each
 * kept if the run still fails the same way. A fault the failure does not need goes, and is not
 * reported. A fault is switched off together with dropping the choices labelled as its coins
 * ({@code Simulation.replayTags()}), so the other draws stay where they were; if that fails, the
 * choices as they were are tried too. The setup is tried again each time the passes below
 * converge, on the shorter sequence.
 *
 * <h2>Short first</h2>
 * Then the empty sequence (the plain run of that setup) and prefixes of 1, 2, 4, ... choices are
 * tried, shortest first: a failure that needs no decision, or only the first few, shrinks in a
 * handful of runs however long the failing run was.
 *
 * <h2>Passes</h2>
 * Repeated until a whole round accepts nothing:
 * <ol>
 *   <li>delete a span of 8, 4, 2 or 1 choices at each position;
 *   <li>zero a span of 8, 4, 2 or 1 choices;
 *   <li>lower each value by binary search towards 0;
 *   <li>lower every occurrence of a repeated value together (values that must stay equal);
 *   <li>move the whole of a value onto one of the next four (a sum kept while an element becomes 0
 *       and can go);
 *   <li>merge two values at most four apart into one holding their sum, the later deleted onto the
 *       earlier or the earlier onto the later (a sum kept where the receiving draw's bound is too
 *       small for the move above, as with two latencies whose total decides a timeout);
 *   <li>lower a value by one and delete the choice or two after it (a list's length together with
 *       one of its elements);
 *   <li>sort each adjacent pair;
 *   <li>when a round of these and the setup accept nothing (a local minimum): the empty sequence and
 *       the short prefixes of the current one again, then each pair of single choices that are not
 *       next to each other deleted together, nearest pairs first, at most {@value #PAIR_LIMIT} pairs
 *       a round (a coin and the draw it guards, far apart, go only together); anything accepted
 *       starts the passes again;
 *   <li>when all of that accepts nothing: enumerate every sequence shorter than the current one
 *       over the values {@code 0..max+1} (max: the current largest value), in shortlex order, as
 *       long as that is at most {@value #ENUMERATION_LIMIT} runs. The local passes only delete and
 *       lower, and a schedule often gets shorter only by raising an earlier
 *       choice (running the decisive task sooner); this finds that, and finds the shortlex-smallest
 *       sequence over those values when it runs.
 * </ol>
 * A candidate is replayed; if it fails with the same {@link FailureSignature}, the choices that
 * run actually recorded (clamped to their bounds, trimmed) become the current sequence, so the
 * result always replays exactly. Candidates already tried are not run again.
 *
 * <h2>Budget</h2>
 * The shrink stops when the time budget is spent, checked before each run; the result is then
 * the best found so far. The budget is real time (the one place the property engine reads it,
 * through the injected clock); within the budget the shrink is deterministic.
 */
final class Shrinker {
    private static final int[] SPANS = {8, 4, 2, 1};
    /** The most runs one enumeration of short sequences may take. */
    static final int ENUMERATION_LIMIT = 2048;
    /** The most pairs of single choices one round of {@link #deletePairs} tries. */
    static final int PAIR_LIMIT = 2048;

    private final Function<Replay, RunResult> trial;
    private final FailureSignature target;
    private final LongSupplier nanoClock;
    private final long started;
    private final long deadline;
    private final Set<String> tried = new HashSet<>();
    private RunResult best;
    private ReplaySetup setup = ReplaySetup.none();
    private int[] current;
    /** The label of each choice of {@link #current}, from the run it was recorded in. */
    private byte[] currentTags = new byte[0];
    private int runs;
    private boolean timedOut;

    /**
     * @param trial     replays a candidate (setup and choices) and returns the run
     * @param target    the failure to preserve
     * @param budget    how long the shrink may take
     * @param nanoClock real time in nanoseconds
     */
    Shrinker(Function<Replay, RunResult> trial, FailureSignature target, Duration budget, LongSupplier nanoClock) {
        this.trial = trial;
        this.target = target;
        this.nanoClock = nanoClock;
        this.started = nanoClock.getAsLong();
        long b = budget.toNanos();
        this.deadline = started + Math.max(0, b);
    }

    /**
     * Shrinks from {@code start}, a run that failed like {@code target}; {@code startRuns} is how
     * many runs producing it took (counted in the outcome).
     */
    ShrinkOutcome shrink(RunResult start, int startRuns) {
        if (!start.failsLike(target)) {
            throw new IllegalArgumentException("the start run must fail like " + target);
        }
        best = start;
        setup = start.setup();
        current = trim(start.choices());
        currentTags = Arrays.copyOf(start.tags(), current.length);
        runs = startRuns;
        tried.add(key(current));
        shrinkSetup();
        tryShortFirst();
        boolean progress = true;
        while (progress && !timedOut) {
            progress = deleteSpans() | zeroSpans() | lowerValues() | lowerDuplicates() | redistribute() | mergePairs()
                    | lowerAndDelete() | sortPairs();
            if (!progress && !timedOut) {
                progress = shrinkSetup();
            }
            if (!progress && !timedOut) {
                progress = tryShortFirst() || deletePairs();
            }
            if (!progress && !timedOut) {
                progress = enumerateShorter();
            }
        }
        return new ShrinkOutcome(best, runs, Duration.ofNanos(nanoClock.getAsLong() - started), timedOut);
    }

    /** Applies {@link SetupShrink}'s candidates until none is accepted; whether one was. */
    private boolean shrinkSetup() {
        boolean any = false;
        boolean changed = true;
        while (changed && !timedOut) {
            changed = false;
            for (SetupShrink.Candidate candidate : SetupShrink.candidates(setup)) {
                if (outOfTime()) {
                    timedOut = true;
                    return any;
                }
                runs++;
                RunResult r = trial.apply(new Replay(candidate.setup(), without(current, currentTags,
                        candidate.dropTag())));
                if (!r.failsLike(target) && candidate.dropTag() != 0 && !outOfTime()) {
                    runs++; // the same choices, as they were: the fault's coins read by the next draws
                    r = trial.apply(new Replay(candidate.setup(), current));
                }
                if (r.failsLike(target)) {
                    setup = r.setup();
                    current = trim(r.choices());
                    currentTags = Arrays.copyOf(r.tags(), current.length);
                    best = r;
                    tried.clear();
                    tried.add(key(current));
                    changed = true;
                    any = true;
                    break;
                }
            }
        }
        return any;
    }

    /** The empty sequence, then prefixes of 1, 2, 4, ... choices; whether one was accepted. */
    private boolean tryShortFirst() {
        if (timedOut || current.length == 0) {
            return false;
        }
        if (attempt(new int[0])) {
            return true;
        }
        for (int n = 1; n < current.length && !timedOut; n *= 2) {
            if (attempt(Arrays.copyOf(current, n))) {
                return true;
            }
        }
        return false;
    }

    private boolean outOfTime() {
        return nanoClock.getAsLong() >= deadline;
    }

    private boolean deleteSpans() {
        boolean any = false;
        for (int size : SPANS) {
            for (int i = 0; i + size <= current.length && !timedOut; ) {
                if (attempt(delete(current, i, size))) {
                    any = true;
                } else {
                    i++;
                }
            }
        }
        return any;
    }

    private boolean zeroSpans() {
        boolean any = false;
        for (int size : SPANS) {
            for (int i = 0; i + size <= current.length && !timedOut; i++) {
                int[] c = current.clone();
                boolean changed = false;
                for (int k = i; k < i + size; k++) {
                    changed |= c[k] != 0;
                    c[k] = 0;
                }
                if (changed) {
                    any |= attempt(c);
                }
            }
        }
        return any;
    }

    private boolean lowerValues() {
        boolean any = false;
        for (int i = 0; i < current.length && !timedOut; i++) {
            // Binary search for the smallest value at i that still fails; current[i] does.
            int lo = 0;
            int hi = current[i];
            while (lo < hi && !timedOut) {
                int mid = lo + (hi - lo) / 2;
                int length = current.length;
                int[] c = current.clone();
                c[i] = mid;
                if (attempt(c)) {
                    any = true;
                    if (current.length != length) {
                        break; // the run took another shape; later passes continue from it
                    }
                    hi = current[i];
                } else {
                    lo = mid + 1;
                }
            }
        }
        return any;
    }

    private boolean redistribute() {
        boolean any = false;
        for (int i = 0; i < current.length && !timedOut; i++) {
            for (int j = i + 1; j < current.length && j <= i + 4 && current[i] > 0 && !timedOut; j++) {
                long moved = (long) current[j] + current[i];
                if (moved <= Integer.MAX_VALUE) {
                    int[] c = current.clone();
                    c[i] = 0;
                    c[j] = (int) moved;
                    any |= attempt(c);
                }
            }
        }
        return any;
    }

    /**
     * Lowers every occurrence of a repeated value together, by binary search towards 0 (values that
     * must stay equal, such as a key drawn twice, cannot be lowered one at a time).
     */
    private boolean lowerDuplicates() {
        boolean any = false;
        for (int value : repeatedValues(current)) {
            if (count(current, value) < 2) {
                continue; // an earlier value's shrink changed the run
            }
            int lo = 0;
            int hi = value;
            while (lo < hi && !timedOut) {
                int mid = lo + (hi - lo) / 2;
                int[] c = current.clone();
                boolean all = true;
                for (int k = 0; k < c.length; k++) {
                    if (c[k] == hi) {
                        c[k] = mid;
                    }
                }
                if (attempt(c)) {
                    any = true;
                    hi = mid;
                    all = count(current, mid) >= 2;
                } else {
                    lo = mid + 1;
                }
                if (!all) {
                    break; // the run took another shape; later passes continue from it
                }
            }
        }
        return any;
    }

    /**
     * Replaces two nearby values by one holding their sum: the later one moved onto the earlier and
     * deleted, or the earlier onto the later and deleted (two latencies whose total matters become
     * one, and the sequence gets shorter where lowering either alone would not fail).
     */
    private boolean mergePairs() {
        boolean any = false;
        for (int i = 0; i < current.length && !timedOut; i++) {
            for (int j = i + 1; j < current.length && j <= i + 4 && !timedOut; j++) {
                long sum = (long) current[i] + current[j];
                if (sum > Integer.MAX_VALUE || current[j] == 0) {
                    continue; // a zero is already deleted by the span pass
                }
                int[] onto = delete(current, j, 1);
                onto[i] = (int) sum;
                if (attempt(onto)) {
                    any = true;
                    continue;
                }
                if (current[i] != 0) {
                    int[] later = delete(current, i, 1);
                    later[j - 1] = (int) sum;
                    any |= attempt(later);
                }
            }
        }
        return any;
    }

    /**
     * Deletes two single choices that are not next to each other, nearest pairs first, at most
     * {@value #PAIR_LIMIT} candidates: a choice that only matters together with a later one (a coin
     * and the value it guards, a wake and its poll) goes only with it.
     */
    private boolean deletePairs() {
        int planned = 0;
        for (int distance = 2; distance < current.length && !timedOut; distance++) {
            for (int i = 0; i + distance < current.length && !timedOut; i++) {
                if (++planned > PAIR_LIMIT) {
                    return false;
                }
                int[] c = delete(delete(current, i + distance, 1), i, 1);
                if (attempt(c)) {
                    return true;
                }
            }
        }
        return false;
    }

    private boolean lowerAndDelete() {
        boolean any = false;
        for (int i = 0; i < current.length && !timedOut; i++) {
            for (int size = 1; size <= 2 && current[i] > 0 && !timedOut; size++) {
                for (int j = i + 1; j + size <= current.length && !timedOut; j++) {
                    int[] c = delete(current, j, size);
                    c[i]--;
                    if (attempt(c)) {
                        any = true;
                        break;
                    }
                }
            }
        }
        return any;
    }

    private boolean sortPairs() {
        boolean any = false;
        for (int i = 0; i + 1 < current.length && !timedOut; i++) {
            if (current[i] > current[i + 1]) {
                int[] c = current.clone();
                c[i] = current[i + 1];
                c[i + 1] = current[i];
                any |= attempt(c);
            }
        }
        return any;
    }

    private boolean enumerateShorter() {
        int max = 0;
        for (int v : current) {
            max = Math.max(max, v);
        }
        long alphabet = max + 2L;
        long planned = 0;
        int length = 1;
        for (long count = alphabet - 1; length < current.length; length++, count *= alphabet) {
            // Sequences of this length that do not end in zero (those equal shorter ones).
            if (planned + count > ENUMERATION_LIMIT) {
                break;
            }
            planned += count;
        }
        for (int n = 1; n < length && !timedOut; n++) {
            int[] c = new int[n];
            c[n - 1] = 1;
            while (!timedOut) {
                if (attempt(c)) {
                    return true;
                }
                int k = n - 1;
                while (k >= 0 && ++c[k] == alphabet) {
                    c[k] = 0;
                    k--;
                }
                if (k < 0) {
                    break;
                }
                if (c[n - 1] == 0) {
                    c[n - 1] = 1;
                }
            }
        }
        return false;
    }

    /** Runs {@code candidate} if it is new and smaller; adopts its record if it fails the same way. */
    private boolean attempt(int[] candidate) {
        int[] c = trim(candidate);
        if (compare(c, current) >= 0 || !tried.add(key(c))) {
            return false;
        }
        if (nanoClock.getAsLong() >= deadline) {
            timedOut = true;
            return false;
        }
        runs++;
        RunResult r = trial.apply(new Replay(setup, c));
        if (!r.failsLike(target)) {
            return false;
        }
        int[] recorded = trim(r.choices());
        if (compare(recorded, current) >= 0) {
            return false;
        }
        current = recorded;
        currentTags = Arrays.copyOf(r.tags(), recorded.length);
        best = r;
        tried.add(key(recorded));
        return true;
    }

    /** The non-zero values that occur at least twice in {@code a}, largest first. */
    private static int[] repeatedValues(int[] a) {
        int[] sorted = a.clone();
        Arrays.sort(sorted);
        int[] out = new int[sorted.length];
        int n = 0;
        for (int k = sorted.length - 1; k > 0; k--) {
            if (sorted[k] != 0 && sorted[k] == sorted[k - 1] && (n == 0 || out[n - 1] != sorted[k])) {
                out[n++] = sorted[k];
            }
        }
        return Arrays.copyOf(out, n);
    }

    private static int count(int[] a, int value) {
        int n = 0;
        for (int v : a) {
            n += v == value ? 1 : 0;
        }
        return n;
    }

    /** {@code choices} without those labelled {@code tag} (all of them when {@code tag} is 0). */
    private static int[] without(int[] choices, byte[] tags, int tag) {
        if (tag == 0) {
            return choices;
        }
        int[] out = new int[choices.length];
        int n = 0;
        for (int i = 0; i < choices.length; i++) {
            if (i >= tags.length || tags[i] != tag) {
                out[n++] = choices[i];
            }
        }
        return Arrays.copyOf(out, n);
    }

    /** The key of a tried sequence: its version-1 string (compact, equal for equal sequences). */
    private static String key(int[] c) {
        return Choices.format(c);
    }

    private static int[] delete(int[] a, int from, int size) {
        int[] out = new int[a.length - size];
        System.arraycopy(a, 0, out, 0, from);
        System.arraycopy(a, from + size, out, from, a.length - from - size);
        return out;
    }

    /** {@code a} without trailing zeros. */
    static int[] trim(int[] a) {
        int n = a.length;
        while (n > 0 && a[n - 1] == 0) {
            n--;
        }
        return n == a.length ? a.clone() : Arrays.copyOf(a, n);
    }

    /** Shortlex order: length first, then lexicographic. */
    static int compare(int[] a, int[] b) {
        if (a.length != b.length) {
            return Integer.compare(a.length, b.length);
        }
        return Arrays.compare(a, b);
    }
}
