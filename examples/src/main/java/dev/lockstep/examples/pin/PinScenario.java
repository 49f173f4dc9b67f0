package dev.lockstep.examples.pin;

import static dev.lockstep.async.Async.async;

import dev.lockstep.choice.ChoiceSource;
import dev.lockstep.examples.Scenario;
import dev.lockstep.examples.Variant;
import dev.lockstep.fault.FaultKind;
import dev.lockstep.fault.FaultPlan;
import dev.lockstep.future.JoinHandle;
import dev.lockstep.runtime.Simulation;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * A client sends a few frames over a {@link Connection}, split into chunks at random boundaries
 * with a pause of 0 to 2 ms before each; a {@link FrameParser} task reads them. Property: the
 * parser yields exactly the frames sent.
 *
 * <p>Run with move injection ({@code relocate} at 0.5: the executor moves the {@code Unpin} parser
 * to a copy before a poll half the time, as it may). The buggy parser's read handler is bound to
 * the parser itself, so right after a move the pre-move instance is still referenced from the
 * connection, and the run fails with a {@code PIN_VIOLATION} that names the field path. Without
 * moves the bug never shows.
 */
public final class PinScenario implements Scenario {
    /** What the client sends. */
    static final List<String> FRAMES = List.of("HELLO lockstep", "SET colour=teal", "GET colour", "BYE");
    /** The fault that exposes the bug; every poll of the parser after its first draws it. */
    static final FaultPlan PLAN = FaultPlan.only(FaultKind.RELOCATE, 0.5);

    @Override
    public String name() {
        return "pin";
    }

    @Override
    public String summary() {
        return "a frame parser declared Unpin whose read handler refers back to it (pin violation under moves)";
    }

    @Override
    public int budget() {
        return 10;
    }

    @Override
    public Simulation.Builder configure(Simulation.Builder builder) {
        return builder.faults(PLAN);
    }

    @Override
    public void run(Simulation sim, Variant variant) {
        Connection connection = new Connection();
        JoinHandle<List<String>> parser = sim.spawn("parser", new FrameParser(connection, variant == Variant.BUGGY));
        sim.spawn("client", async(a -> {
            byte[] wire = Frames.encode(FRAMES);
            ChoiceSource choices = a.runtime().choices();
            int at = 0;
            while (at < wire.length) {
                int size = (int) choices.between(1, Math.min(12, wire.length - at));
                a.sleep(Duration.ofMillis(choices.between(0, 2)));
                connection.receive(Arrays.copyOfRange(wire, at, at + size));
                at += size;
            }
            return null;
        }));
        List<String> got = sim.blockOn(parser);
        if (!got.equals(FRAMES)) {
            throw new AssertionError("the parser yielded " + got + ", but the client sent " + FRAMES);
        }
    }
}
