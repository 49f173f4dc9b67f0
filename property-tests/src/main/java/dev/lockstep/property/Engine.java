package dev.lockstep.property;

import dev.lockstep.choice.ChoiceSource;
import dev.lockstep.choice.Choices;
import dev.lockstep.choice.Replay;
import dev.lockstep.trace.DeterminismReport;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/** One check of a property, in the order {@link Property} documents. */
final class Engine {
    private final PropertySettings settings;
    private final Trial trial;
    private final FailureStore store;
    /** Where a failure's long replay string and timeline go, or null without a store. */
    private final FailureFiles files;
    private final List<String> warnings = new ArrayList<>();
    private final Consumer<String> warningSink;
    private final LongSupplier nanoClock;
    private final long started;

    Engine(Scenario scenario, PropertySettings settings, Path storeFile, Consumer<String> warningSink,
            LongSupplier nanoClock) {
        this.settings = settings;
        this.trial = new Trial(scenario, settings);
        this.store = storeFile == null ? null : FailureStore.at(storeFile, this::warn);
        Path folder = storeFile == null ? null : storeFile.toAbsolutePath().getParent();
        this.files = folder == null ? null : new FailureFiles(folder, this::warn);
        this.warningSink = warningSink;
        this.nanoClock = nanoClock;
        this.started = nanoClock.getAsLong();
    }

    PropertyResult check() {
        int[] indices = settings.shard().runs(settings.runs());
        int planned = indices.length;
        if (settings.replay() != null) {
            return checkReplay(planned);
        }
        List<String> stored = store == null ? List.of() : store.load();
        List<String> passing = new ArrayList<>();
        for (int k = 0; k < stored.size(); k++) {
            String replay = stored.get(k);
            RunResult r = trial.run(0, ChoiceSource.replay(replay));
            if (r.failed()) {
                String source = "stored failure " + (k + 1) + " of " + stored.size() + " in " + store.file()
                        + " (fixed bugs leave the store once the property passes)";
                FailureReport report = shrinkAndReport(r, FailureReport.Origin.STORED, source, -1, 0);
                if (!sameRun(replay, report.shrunkReplay())) {
                    store.replace(replay, report.shrunkReplay());
                }
                return result(planned, 0, stored.size(), report, null);
            }
            passing.add(replay);
        }
        RunLoop.Outcome outcome = RunLoop.run(settings.name(), indices, settings.parallelism(),
                run -> trial.run(run, ChoiceSource.seeded(RunSeeds.of(settings.seed(), run))));
        if (outcome.failure() != null) {
            RunResult f = outcome.failure();
            // The overrides that make it the last run: within its shard, so that a lower failing run
            // of another shard does not come first.
            String source = String.format("run %d of %d (seed %d, run seed 0x%016x, shard %s)\n               unshrunk,"
                    + " it is the last run of LOCKSTEP_SEED=%d LOCKSTEP_RUNS=%d LOCKSTEP_STORE=off%s", f.run(),
                    settings.runs(), settings.seed(), RunSeeds.of(settings.seed(), f.run()), settings.shard(),
                    settings.seed(), f.run() + 1,
                    settings.shard().equals(Shard.ALL) ? "" : " LOCKSTEP_SHARD=" + settings.shard());
            FailureReport report = shrinkAndReport(f, FailureReport.Origin.SEEDED, source, f.run(),
                    RunSeeds.of(settings.seed(), f.run()));
            if (store != null && report.reproduced()) {
                store.add(report.shrunkReplay());
            }
            return result(planned, outcome.executed(), stored.size(), report, null);
        }
        Nondeterminism nd = checkDeterminism(indices);
        if (nd == null && store != null) {
            store.remove(passing);
        }
        return result(planned, outcome.executed(), stored.size(), null, nd);
    }

    private PropertyResult checkReplay(int planned) {
        // One run, retaining enough trace for the report's decisions and timeline.
        RunResult r = trial.run(0, ChoiceSource.replay(settings.replay()), DECISION_TRACE);
        List<String> notes = new ArrayList<>();
        int used = r.replayUsed();
        int given = r.replayGiven();
        if (used >= 0 && used < given) {
            String note = "the run read " + used + " of the " + given + " choices of the replay string given; the"
                    + " other " + (given - used) + " were not used (was the test changed since the string was"
                    + " recorded, or is it another test's string?)";
            notes.add(note);
            warn(settings.name() + ": " + note);
        }
        FailureReport report = null;
        if (r.failed()) {
            String given1 = settings.replay().length() > 100 ? settings.replay().substring(0, 97) + "..."
                    : settings.replay();
            Replay replay = new Replay(r.setup(), Shrinker.trim(r.choices()));
            RunResult tail = new RunResult(r.run(), r.setup(), r.choices(), r.failure(), r.signature(), r.step(),
                    r.nanos(), r.trace().subList(Math.max(0, r.trace().size() - settings.traceTail()), r.trace().size()),
                    r.traceHash(), r.replayUsed(), r.replayGiven(), r.tags());
            report = report(FailureReport.Origin.REPLAY, "the replay string given (" + Choices.escape(given1)
                    + "); not shrunk again", -1, 0, tail, r.signature(), given, replay.setup(), replay, tail, r, 0,
                    Duration.ZERO, false, true, notes);
        }
        return result(planned, 0, 0, report, null);
    }

    /** Events a report's decisions and timeline are read from (the last of the shrunk run's trace). */
    static final int DECISION_TRACE = 50_000;

    /** Builds the report of {@code best}, listing its decisions and writing its files. */
    private FailureReport report(FailureReport.Origin origin, String source, int run, long runSeed, RunResult failing,
            FailureSignature signature, int originalSize, dev.lockstep.choice.ReplaySetup originalSetup, Replay shrunk,
            RunResult best, RunResult withTrace, int shrinkRuns, Duration elapsed, boolean timedOut, boolean reproduced,
            List<String> notes) {
        String replay = shrunk.format();
        // The shrunk run once more, keeping its trace, for the decisions and the timeline.
        RunResult full = withTrace != null ? withTrace
                : trial.run(Math.max(run, 0), ChoiceSource.replay(shrunk), DECISION_TRACE);
        Decisions decisions = Decisions.of(full.trace());
        String replayFile = null;
        String timeline = null;
        if (files != null) {
            if (replay.length() > Choices.FILE_THRESHOLD) {
                replayFile = files.writeReplay(settings.name(), replay);
            }
            timeline = files.writeTimeline(settings.name(), replay, full.trace(), full.failure());
        }
        return new FailureReport(settings.name(), origin, source, settings.seed(), run, runSeed, settings.shard(),
                failing.failure(), signature, originalSize, replay, best.failure(), best.step(), best.nanos(),
                best.trace(), shrinkRuns, elapsed, timedOut, reproduced, originalSetup, decisions.lines(), replayFile,
                notes, timeline);
    }

    /** Replays {@code failing} to confirm it, then shrinks it. */
    private FailureReport shrinkAndReport(RunResult failing, FailureReport.Origin origin, String source, int run,
            long runSeed) {
        int index = Math.max(run, 0);
        Replay original = failing.replay();
        List<String> notes = new ArrayList<>();
        Shrinker shrinker = new Shrinker(r -> trial.run(index, r), failing.signature(), settings.shrinkTime(),
                nanoClock);
        RunResult again = trial.run(index, original);
        if (!again.failsLike(failing.signature())) {
            return report(origin, source, run, runSeed, failing, failing.signature(), original.size(),
                    original.setup(), original, failing, failing, 1, Duration.ZERO, false, false, notes);
        }
        ShrinkOutcome s = shrinker.shrink(again, 1);
        RunResult best = s.best();
        return report(origin, source, run, runSeed, failing, failing.signature(), original.size(), original.setup(),
                new Replay(best.setup(), Shrinker.trim(best.choices())), best, null, s.runs(), s.elapsed(),
                s.timedOut(), true, notes);
    }

    /**
     * Re-runs an evenly spread sample of the shard's runs (positions {@code j * n / k}) with
     * {@code checkDeterminism}; the first that differs is returned.
     */
    private Nondeterminism checkDeterminism(int[] indices) {
        int k = Math.min(settings.determinismSample(), indices.length);
        for (int j = 0; j < k; j++) {
            int run = indices[(int) ((long) j * indices.length / k)];
            long runSeed = RunSeeds.of(settings.seed(), run);
            DeterminismReport report = trial.builder().choices(ChoiceSource.seeded(runSeed))
                    .checkDeterminism(trial.asConsumer(run));
            if (!report.deterministic()) {
                return new Nondeterminism(settings.name(), run, runSeed, report);
            }
        }
        return null;
    }

    private PropertyResult result(int planned, int executed, int storedReplays, FailureReport failure,
            Nondeterminism nd) {
        return new PropertyResult(settings.name(), settings.seed(), settings.shard(), planned, executed, storedReplays,
                Optional.ofNullable(failure), Optional.ofNullable(nd), warnings,
                Duration.ofNanos(nanoClock.getAsLong() - started));
    }

    /** Whether a stored string and a shrunk one are the same run (a version-1 entry needs no rewrite). */
    private static boolean sameRun(String stored, String shrunk) {
        Replay a = Replay.parse(stored);
        Replay b = Replay.parse(shrunk);
        return a.equals(b) || (a.setup().isEmpty() && java.util.Arrays.equals(a.choices(), b.choices()));
    }

    /** Records a warning and passes it on. */
    private void warn(String message) {
        warnings.add(message);
        warningSink.accept(message);
    }
}
