package dev.lockstep.property;

import dev.lockstep.choice.ChoiceSource;
import dev.lockstep.choice.Replay;
import dev.lockstep.choice.ReplaySetup;
import dev.lockstep.runtime.Simulation;
import dev.lockstep.runtime.SimulationException;
import dev.lockstep.trace.TraceEvent;
import java.util.List;

/**
 * Runs a property's scenario once, on the calling thread, on a simulation built for the run.
 *
 * <h2>Simulation</h2>
 * The builder gets the property's step and virtual-time limits and a trace that retains the tail
 * a report shows, then the scenario's {@link Scenario#configure}, then the property's customiser (a fault plan, a larger trace), and last the
 * run's choice source, which a customiser cannot replace. The simulation is built on the calling
 * thread, which is the thread it is confined to. After the scenario, passed or failed, the
 * simulation is {@linkplain Simulation#shutdown() shut down}, so a run leaves nothing behind.
 *
 * <h2>Errors</h2>
 * Whatever the scenario throws is the run's failure, except a {@link VirtualMachineError} other
 * than {@link StackOverflowError} (out of memory, an internal error), which ends the whole check.
 * An exception from building the simulation (a bad customiser) is not a run failure either and
 * propagates.
 */
final class Trial {
    private static final int[] NO_CHOICES = new int[0];
    private static final byte[] NO_TAGS = new byte[0];
    private final Scenario scenario;
    private final PropertySettings settings;

    Trial(Scenario scenario, PropertySettings settings) {
        this.scenario = scenario;
        this.settings = settings;
    }

    /** A builder configured as every run of the property is, without its choice source. */
    Simulation.Builder builder() {
        Simulation.Builder b = Simulation.builder()
                .maxSteps(settings.maxSteps())
                .maxVirtualTime(settings.maxVirtualTime())
                .livelockSteps(settings.livelockSteps())
                .traceCapacity(Math.max(1, settings.traceTail()));
        b = scenario.configure(b);
        settings.customiser().accept(b);
        return b;
    }

    /** Runs the scenario once as run {@code run}, drawing from {@code source}. */
    RunResult run(int run, ChoiceSource source) {
        return run(run, source, settings.traceTail());
    }

    /** Runs {@code replay} (setup and choices) as run {@code run}. */
    RunResult run(int run, Replay replay) {
        return run(run, ChoiceSource.replay(replay));
    }

    /** As {@link #run(int, ChoiceSource)}, retaining the last {@code traceEvents} trace events. */
    RunResult run(int run, ChoiceSource source, int traceEvents) {
        Simulation.Builder b = builder();
        if (traceEvents != settings.traceTail()) {
            b.traceCapacity(Math.max(1, traceEvents)); // the report's one run with a longer trace
        }
        Simulation sim = b.choices(source).build();
        Throwable failure = null;
        try {
            scenario.run(sim, run);
        } catch (VirtualMachineError e) {
            if (!(e instanceof StackOverflowError)) {
                throw e;
            }
            failure = e;
        } catch (Throwable e) {
            failure = e;
        }
        long step = failure instanceof SimulationException se ? se.step() : sim.step();
        long nanos = failure instanceof SimulationException se ? se.nanos() : sim.nanos();
        // Only a failure is shrunk, stored and reported, so only a failure's choices and trace are
        // copied out: a passing run (nearly every run) copies neither.
        Replay replay = failure == null ? null : sim.replay();
        byte[] tags = failure == null ? null : sim.replayTags();
        List<TraceEvent> tail = failure == null ? null : sim.trace().tail(Math.max(1, traceEvents));
        long hash = sim.traceHash();
        int replayUsed = sim.choices().replayUsed();
        int replayLength = sim.choices().replayLength();
        failure = end(sim, failure);
        if (failure != null && replay == null) {   // its cancel threw: the run failed after all
            replay = sim.replay();
            tags = sim.replayTags();
            tail = sim.trace().tail(Math.max(1, traceEvents));
        }
        if (failure == null) {
            return new RunResult(run, ReplaySetup.none(), NO_CHOICES, null, null, step, nanos, List.of(), hash,
                    replayUsed, replayLength, NO_TAGS);
        }
        return new RunResult(run, replay.setup(), replay.choices(), failure,
                failure == null ? null : FailureSignature.of(failure), step, nanos, tail, hash, replayUsed,
                replayLength, tags);
    }

    /**
     * Ends the run's simulation, passed or failed: every task still alive is aborted, so it
     * releases what it holds (a suspended async body's generator, which on the virtual-thread
     * backend is a parked thread; timers; sockets). Without this each run's leftovers stay
     * reachable and a long check runs out of memory. The run's trace, hash and choices were taken
     * before. A cancel that throws fails a passing run, and is attached to a failing one.
     */
    private static Throwable end(Simulation sim, Throwable failure) {
        try {
            sim.shutdown();
        } catch (RuntimeException | Error e) {
            if (e instanceof VirtualMachineError vme && !(e instanceof StackOverflowError)) {
                throw vme;
            }
            if (failure == null) {
                return e;
            }
            failure.addSuppressed(e);
        }
        return failure;
    }

    /** The scenario as a {@code Consumer}, for {@code checkDeterminism}; checked throwables are wrapped. */
    java.util.function.Consumer<Simulation> asConsumer(int run) {
        return sim -> {
            try {
                scenario.run(sim, run);
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Throwable e) {
                throw new IllegalStateException("run " + run + " threw " + e, e);
            }
        };
    }
}
