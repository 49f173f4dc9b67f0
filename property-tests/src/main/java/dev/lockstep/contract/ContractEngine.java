package dev.lockstep.contract;

import dev.lockstep.choice.ChoiceSource;
import dev.lockstep.choice.Choices;
import dev.lockstep.fault.FaultPlan;
import dev.lockstep.property.RunSeeds;
import dev.lockstep.property.ScheduleShrinker;
import dev.lockstep.runtime.Simulation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Runs a {@link FutureContract}: every plan in turn, each for the configured number of runs, and
 * shrinks the first run of each kind of violation to its smallest replay.
 *
 * <h2>Runs</h2>
 * Run {@code i} of plan {@code p} draws from {@code ChoiceSource.seeded(RunSeeds.of(RunSeeds.of(seed,
 * p), i))}, so the runs of a plan do not depend on the plans before it. With a replay string, each
 * plan makes one run from it, unshrunk.
 *
 * <h2>Stopping early</h2>
 * Every run is made, even after violations, so a plan's summary counts the kinds it shows, except
 * that a plan stops at a run that reaches the step limit once {@code BUSY_WAKE} is known: such runs
 * last until the limit and show nothing new.
 *
 * <h2>Shrinking</h2>
 * The first run of each kind is shrunk with {@link ScheduleShrinker} within the shrink budget; a
 * shrink candidate counts as failing only if it shows the same kind. Later runs of a known kind are
 * counted, not shrunk.
 */
final class ContractEngine<T> {
    private final ContractRun<T> run;
    private final FutureContract.Settings settings;
    /** Real time, read only for the report's elapsed time (never in a run's decisions). */
    private final LongSupplier nanoClock;

    ContractEngine(ContractRun<T> run, FutureContract.Settings settings, LongSupplier nanoClock) {
        this.run = run;
        this.settings = settings;
        this.nanoClock = nanoClock;
    }

    ContractReport check() {
        long started = nanoClock.getAsLong();
        Found found = new Found();
        List<PlanTally> tallies = new ArrayList<>();
        List<FaultPlan> plans = settings.plans();
        for (int p = 0; p < plans.size(); p++) {
            tallies.add(checkPlan(plans.get(p), RunSeeds.of(settings.seed(), p), found));
        }
        // A wrong value in a run with unprompted polls is blamed on them only if no other run had a wrong value.
        ViolationKind byValue = found.kinds.containsKey(ViolationKind.RESULT_MISMATCH)
                ? ViolationKind.RESULT_MISMATCH : ViolationKind.SPURIOUS_WAKEUP_INTOLERANT;
        List<PlanSummary> summaries = tallies.stream().map(t -> t.summary(byValue)).toList();
        return new ContractReport(settings.name(), settings.seed(), summaries, found.violations(byValue),
                Duration.ofNanos(nanoClock.getAsLong() - started));
    }

    private PlanTally checkPlan(FaultPlan plan, long planSeed, Found found) {
        int runs = settings.replay() != null ? 1 : settings.runs();
        PlanTally tally = new PlanTally(plan);
        for (int i = 0; i < runs; i++) {
            long runSeed = RunSeeds.of(planSeed, i);
            ChoiceSource source = settings.replay() != null ? ChoiceSource.replay(settings.replay())
                    : ChoiceSource.seeded(runSeed);
            Simulation sim = builder(plan).choices(source).build();
            ContractRun.Outcome outcome;
            try {
                outcome = run.run(sim);
            } catch (IllegalStateException e) {
                throw new IllegalStateException(e.getMessage() + "\n  in run " + i + " under " + plan + ", at step "
                        + sim.step() + ", virtual time " + Witness.time(sim.nanos()) + "\n  replay: "
                        + Choices.format(sim.choices().recorded()), e.getCause() != null ? e.getCause() : e);
            }
            tally.count(outcome);
            ContractRun.Finding finding = outcome.finding();
            if (finding == null) {
                continue;
            }
            if (!found.has(finding)) {
                found.add(finding, witness(plan, i, runSeed, sim, outcome));
            } else if (finding.kind() == ViolationKind.BUSY_WAKE && sim.step() >= settings.maxSteps()) {
                break;
            }
        }
        return tally;
    }

    private Simulation.Builder builder(FaultPlan plan) {
        long capacity = Math.min(settings.maxSteps() * 8 + 64, 2_000_000);
        return Simulation.builder().faults(plan).maxSteps(settings.maxSteps()).traceCapacity((int) capacity);
    }

    private Violation witness(FaultPlan plan, int index, long runSeed, Simulation failed, ContractRun.Outcome outcome) {
        int[] choices = failed.choices().recorded();
        if (settings.replay() != null) {
            int[] given = Choices.parse(settings.replay());
            return build(plan, index, runSeed, given.length, given, true, outcome);
        }
        ViolationKind kind = outcome.finding().kind();
        ScheduleShrinker.Shrunk shrunk = ScheduleShrinker.shrink(choices, () -> builder(plan), sim -> {
            ContractRun.Outcome again = run.run(sim);
            if (again.finding() != null && again.finding().kind() == kind) {
                throw new SameKind(again);
            }
        }, settings.shrinkTime());
        if (!shrunk.reproduced() || !(shrunk.failure() instanceof SameKind same)) {
            return build(plan, index, runSeed, choices.length, choices, false, outcome);
        }
        return build(plan, index, runSeed, choices.length, shrunk.choices(), true, same.outcome);
    }

    private static Violation build(FaultPlan plan, int index, long runSeed, int foundChoices, int[] choices,
            boolean reproduced, ContractRun.Outcome outcome) {
        ContractRun.Finding f = outcome.finding();
        Witness w = new Witness(plan, index, runSeed, Choices.format(choices), foundChoices, choices.length,
                reproduced, outcome.cancelled(), f.step(), f.nanos(), outcome.trace());
        return f.violation().apply(w);
    }

    /** The violations found so far: the first of each kind, and the first inferred from a wrong value alone. */
    private static final class Found {
        final Map<ViolationKind, Violation> kinds = new LinkedHashMap<>();
        Violation byValue;

        boolean has(ContractRun.Finding f) {
            return f.byValue() ? byValue != null : kinds.containsKey(f.kind());
        }

        void add(ContractRun.Finding f, Violation v) {
            if (f.byValue()) {
                byValue = v;
            } else {
                kinds.put(f.kind(), v);
            }
        }

        /** The report's violations, with the inferred one if it counts as {@code byValueKind} and nothing else does. */
        List<Violation> violations(ViolationKind byValueKind) {
            List<Violation> out = new ArrayList<>(kinds.values());
            if (byValue != null && byValueKind == ViolationKind.SPURIOUS_WAKEUP_INTOLERANT
                    && !kinds.containsKey(ViolationKind.SPURIOUS_WAKEUP_INTOLERANT)) {
                out.add(byValue);
            }
            return out;
        }
    }

    /** The counts of one plan's runs. */
    private static final class PlanTally {
        final FaultPlan plan;
        final EnumMap<ViolationKind, Integer> kinds = new EnumMap<>(ViolationKind.class);
        int runs;
        int cancelled;
        int violating;
        int byValue;

        PlanTally(FaultPlan plan) {
            this.plan = plan;
        }

        void count(ContractRun.Outcome outcome) {
            runs++;
            if (outcome.cancelled()) {
                cancelled++;
            }
            ContractRun.Finding f = outcome.finding();
            if (f != null) {
                violating++;
                if (f.byValue()) {
                    byValue++;
                } else {
                    kinds.merge(f.kind(), 1, Integer::sum);
                }
            }
        }

        PlanSummary summary(ViolationKind byValueKind) {
            EnumMap<ViolationKind, Integer> all = new EnumMap<>(kinds);
            if (byValue > 0) {
                all.merge(byValueKind, byValue, Integer::sum);
            }
            return new PlanSummary(plan, runs, cancelled, violating, all);
        }
    }

    /** Thrown by a shrink candidate that shows the kind being shrunk; carries what it showed. */
    private static final class SameKind extends RuntimeException {
        final transient ContractRun.Outcome outcome;

        SameKind(ContractRun.Outcome outcome) {
            super(outcome.finding().kind().name(), null, false, false);
            this.outcome = outcome;
        }
    }
}
