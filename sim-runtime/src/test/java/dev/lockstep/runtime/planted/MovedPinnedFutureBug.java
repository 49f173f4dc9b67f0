package dev.lockstep.runtime.planted;

import dev.lockstep.fault.FaultKind;
import dev.lockstep.fault.FaultPlan;
import dev.lockstep.future.Context;
import dev.lockstep.future.Future;
import dev.lockstep.future.JoinHandle;
import dev.lockstep.future.Poll;
import dev.lockstep.future.Waker;
import dev.lockstep.pin.Pin;
import dev.lockstep.pin.PinViolationException;
import dev.lockstep.runtime.Simulation;
import java.util.ArrayList;
import java.util.List;

/**
 * A hedged request: a combinator that polls the primary request through a {@link Pin} and, when
 * polled again while the primary is still pending, assumes its hedge delay passed and hands the
 * primary over to a background list. The request registered a reply callback that refers to it,
 * so it is not {@code Unpin}, and taking it out of its pin throws {@link PinViolationException}.
 * With one wake per reply this never happens; an extra poll (a spurious or duplicated wake) moves
 * it. The fixed twin keeps the primary in its pin and polls it in place.
 */
public final class MovedPinnedFutureBug implements PlantedBug {

    /** Replies to a request after a delay through the callback the request registered. */
    static final class Server {
        void call(Context cx, Request r) {
            cx.runtime().runAt(cx.runtime().nanos() + 3_000_000, () -> r.complete("pong"));
        }
    }

    static final class Request implements Future<String> {
        private final Server server;
        private String reply;
        private Waker waker;
        private boolean sent;

        Request(Server server) {
            this.server = server;
        }

        @Override
        public Poll<String> poll(Context cx) {
            if (reply != null) {
                return Poll.ready(reply);
            }
            if (!sent) {
                sent = true;
                server.call(cx, this);
            }
            waker = cx.waker();
            return Poll.pending();
        }

        void complete(String value) {
            reply = value;
            waker.wake();
        }
    }

    static final class Hedged implements Future<String> {
        private final Pin<String> primary;
        private final boolean fixed;
        private final List<Future<String>> background = new ArrayList<>();
        private int pendingPolls;

        Hedged(Future<String> primary, boolean fixed) {
            this.primary = Pin.of(primary);
            this.fixed = fixed;
        }

        @Override
        public Poll<String> poll(Context cx) {
            Poll<String> p = primary.poll(cx);
            if (p.isReady()) {
                return p;
            }
            if (++pendingPolls >= 2 && !fixed) {
                background.add(primary.unpin());
            }
            return Poll.pending();
        }
    }

    @Override
    public String name() {
        return "moved-after-poll pinned";
    }

    @Override
    public void run(Simulation sim, boolean fixed) {
        JoinHandle<String> call = sim.spawn("client", new Hedged(new Request(new Server()), fixed));
        String reply = sim.blockOn(call);
        if (!reply.equals("pong")) {
            throw new AssertionError("reply " + reply);
        }
    }

    @Override
    public FaultPlan plan() {
        return FaultPlan.only(FaultKind.SPURIOUS_POLL, 0.5);
    }

    @Override
    public boolean shows(Throwable failure) {
        return PlantedBug.causedBy(failure, PinViolationException.class);
    }
}
