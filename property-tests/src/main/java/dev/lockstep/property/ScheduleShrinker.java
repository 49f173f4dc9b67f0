package dev.lockstep.property;

import dev.lockstep.choice.ChoiceSource;
import dev.lockstep.choice.Choices;
import dev.lockstep.choice.Replay;
import dev.lockstep.choice.ReplaySetup;
import dev.lockstep.runtime.Simulation;
import dev.lockstep.runtime.SimulationException;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Shrinks one failing choice sequence of a scenario, for tools that run their own search (the
 * {@code hunt} command) rather than a {@link Property}.
 *
 * <h2>Returns</h2>
 * The shortest, then smallest, sequence found that fails the same way (same
 * {@link FailureSignature}), with its replay string and failure, and how many runs and how much
 * time shrinking took. A failure that does not reproduce on replay is returned unshrunk.
 *
 * <h2>Determinism</h2>
 * The result depends only on the scenario and the failing sequence, except where the time budget
 * cuts shrinking short ({@link Shrunk#timedOut()}).
 */
public final class ScheduleShrinker {
    private ScheduleShrinker() {}

    /**
     * The outcome of shrinking.
     *
     * @param originalSize choices in the failing sequence given
     * @param choices      the shrunk sequence, after the shrunk setup (the replay string carries both)
     * @param replay       its replay string, version 2 (it carries the builder's fault plan as drawn and scheduler)
     * @param failure      what the shrunk run threw
     * @param simulation   the shrunk run's simulation (its trace), re-run once more at the end
     * @param runs         scenario runs spent shrinking
     * @param elapsed      real time spent
     * @param timedOut     whether the budget ran out before shrinking finished
     * @param reproduced   whether the failure reproduced on replay at all
     */
    public record Shrunk(int originalSize, int[] choices, String replay, Throwable failure, Simulation simulation,
            int runs, Duration elapsed, boolean timedOut, boolean reproduced) {}

    /**
     * Shrinks {@code failing}.
     *
     * @param builder  a fresh builder for each run (limits, fault plan, trace capacity); its choices are replaced
     * @param scenario the run; it throws to fail
     * @param budget   real time allowed for shrinking
     */
    public static Shrunk shrink(int[] failing, Supplier<Simulation.Builder> builder, Consumer<Simulation> scenario,
            Duration budget) {
        Objects.requireNonNull(failing, "failing");
        // The failing choices are read with the builder's own setup (a swarm run's plan draws among
        // them); the run's record is its setup (the drawn plan) and the choices after it, which the
        // shrink then edits: the setup first, then the choices.
        RunResult first = attempt(new Replay(ReplaySetup.none(), failing), builder, scenario);
        if (!first.failed()) {
            Simulation sim = rerun(new Replay(ReplaySetup.none(), failing), builder, scenario);
            return new Shrunk(failing.length, failing.clone(), Choices.format(failing), null, sim, 1, Duration.ZERO,
                    false, false);
        }
        Shrinker shrinker = new Shrinker(r -> attempt(r, builder, scenario), first.signature(), budget,
                System::nanoTime);
        ShrinkOutcome s = shrinker.shrink(first, 1);
        Replay best = new Replay(s.best().setup(), Shrinker.trim(s.best().choices()));
        Simulation sim = rerun(best, builder, scenario);
        return new Shrunk(failing.length, best.choices(), sim.replayString(), s.best().failure(), sim, s.runs(),
                s.elapsed(), s.timedOut(), true);
    }

    private static RunResult attempt(Replay replay, Supplier<Simulation.Builder> builder, Consumer<Simulation> scenario) {
        Simulation sim = builder.get().choices(ChoiceSource.replay(replay)).build();
        Throwable failure = null;
        try {
            scenario.accept(sim);
        } catch (Throwable e) {
            if (e instanceof VirtualMachineError && !(e instanceof StackOverflowError)) {
                throw e; // out of memory, an internal error: not a failure of the run
            }
            failure = e;
        }
        long step = failure instanceof SimulationException se ? se.step() : sim.step();
        long nanos = failure instanceof SimulationException se ? se.nanos() : sim.nanos();
        Replay recorded = sim.replay();
        return new RunResult(0, recorded.setup(), recorded.choices(), failure,
                failure == null ? null : FailureSignature.of(failure), step, nanos, java.util.List.of(), sim.traceHash(),
                -1, -1, sim.replayTags());
    }

    private static Simulation rerun(Replay replay, Supplier<Simulation.Builder> builder, Consumer<Simulation> scenario) {
        Simulation sim = builder.get().choices(ChoiceSource.replay(replay)).build();
        try {
            scenario.accept(sim);
        } catch (Throwable e) {
            if (e instanceof VirtualMachineError && !(e instanceof StackOverflowError)) {
                throw e;
            }
            // The caller has the failure; this run only rebuilds the trace.
        }
        return sim;
    }
}
