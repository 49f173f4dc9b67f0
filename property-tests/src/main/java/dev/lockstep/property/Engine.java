package dev.lockstep.property;

import dev.lockstep.choice.ChoiceSource;
import dev.lockstep.choice.Choices;
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
    private final List<String> warnings = new ArrayList<>();
    private final Consumer<String> warningSink;
    private final LongSupplier nanoClock;
    private final long started;

    Engine(Scenario scenario, PropertySettings settings, Path storeFile, Consumer<String> warningSink,
            LongSupplier nanoClock) {
        this.settings = settings;
        this.trial = new Trial(scenario, settings);
        this.store = storeFile == null ? null : FailureStore.at(storeFile, this::warn);
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
                if (!report.shrunkReplay().equals(replay)) {
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
            String source = String.format("run %d of %d (seed %d, run seed 0x%016x, shard %s)\n               unshrunk,"
                    + " it is the last run of LOCKSTEP_SEED=%d LOCKSTEP_RUNS=%d LOCKSTEP_STORE=off", f.run(),
                    settings.runs(), settings.seed(), RunSeeds.of(settings.seed(), f.run()), settings.shard(),
                    settings.seed(), f.run() + 1);
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
        RunResult r = trial.run(0, ChoiceSource.replay(settings.replay()));
        FailureReport report = null;
        if (r.failed()) {
            report = new FailureReport(settings.name(), FailureReport.Origin.REPLAY, "the replay string given ("
                    + settings.replay() + "); not shrunk again", settings.seed(), -1, 0, settings.shard(), r.failure(),
                    r.signature(), Choices.parse(settings.replay()).length, Choices.format(Shrinker.trim(r.choices())),
                    r.failure(), r.step(), r.nanos(), r.trace(), 0, Duration.ZERO, false, true);
        }
        return result(planned, 0, 0, report, null);
    }

    /** Replays {@code failing} to confirm it, then shrinks it. */
    private FailureReport shrinkAndReport(RunResult failing, FailureReport.Origin origin, String source, int run,
            long runSeed) {
        int index = Math.max(run, 0);
        int[] original = failing.choices();
        Shrinker shrinker = new Shrinker(c -> trial.run(index, ChoiceSource.replay(c)), failing.signature(),
                settings.shrinkTime(), nanoClock);
        RunResult again = trial.run(index, ChoiceSource.replay(original));
        if (!again.failsLike(failing.signature())) {
            return new FailureReport(settings.name(), origin, source, settings.seed(), run, runSeed, settings.shard(),
                    failing.failure(), failing.signature(), original.length, Choices.format(original),
                    failing.failure(), failing.step(), failing.nanos(), failing.trace(), 1, Duration.ZERO, false,
                    false);
        }
        ShrinkOutcome s = shrinker.shrink(again, 1);
        RunResult best = s.best();
        return new FailureReport(settings.name(), origin, source, settings.seed(), run, runSeed, settings.shard(),
                failing.failure(), failing.signature(), original.length, Choices.format(Shrinker.trim(best.choices())),
                best.failure(), best.step(), best.nanos(), best.trace(), s.runs(), s.elapsed(), s.timedOut(), true);
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

    /** Records a warning and passes it on. */
    private void warn(String message) {
        warnings.add(message);
        warningSink.accept(message);
    }
}
