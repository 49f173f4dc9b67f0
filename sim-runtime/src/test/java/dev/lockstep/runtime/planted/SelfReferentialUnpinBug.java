package dev.lockstep.runtime.planted;

import dev.lockstep.fault.FaultKind;
import dev.lockstep.fault.FaultPlan;
import dev.lockstep.future.Context;
import dev.lockstep.future.Future;
import dev.lockstep.future.Futures;
import dev.lockstep.future.JoinHandle;
import dev.lockstep.future.Poll;
import dev.lockstep.future.Unpin;
import dev.lockstep.future.Waker;
import dev.lockstep.runtime.ContractViolationException;
import dev.lockstep.runtime.Simulation;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A line parser declared {@link Unpin} whose chunk callback, registered with the stream on its
 * first poll, captures the parser itself. Moved between polls, the callback keeps filling the old
 * instance and the copy never sees a line. The fixed twin keeps its text in a separate buffer
 * object that the callback captures instead, so the parser really is movable.
 */
public final class SelfReferentialUnpinBug implements PlantedBug {
    private final PollSite site;

    /** Polled as a task's root future. */
    public SelfReferentialUnpinBug() {
        this(PollSite.TASK);
    }

    /** Polled from {@code site}. */
    public SelfReferentialUnpinBug(PollSite site) {
        this.site = site;
    }

    /** Delivers chunks to its subscribers; a new subscriber first gets what was pushed before. */
    static final class Stream {
        private final List<Consumer<String>> listeners = new ArrayList<>();
        private final List<String> history = new ArrayList<>();

        void subscribe(Consumer<String> listener) {
            listeners.add(listener);
            history.forEach(listener);
        }

        void push(String chunk) {
            history.add(chunk);
            for (Consumer<String> l : listeners) {
                l.accept(chunk);
            }
        }
    }

    /** The fixed twin's state: what the stream delivered and whom to wake. */
    static final class LineBuffer {
        String text = "";
        Waker waker;

        void onChunk(String chunk) {
            text += chunk;
            if (waker != null) {
                waker.wakeByRef();
            }
        }
    }

    static final class LineParser implements Future<String>, Unpin {
        private final Stream stream;
        private final boolean fixed;
        private final LineBuffer buffer = new LineBuffer();
        private String text = "";
        private Waker waker;
        private boolean subscribed;

        LineParser(Stream stream, boolean fixed) {
            this.stream = stream;
            this.fixed = fixed;
        }

        @Override
        public Poll<String> poll(Context cx) {
            if (!subscribed) {
                subscribed = true;
                stream.subscribe(fixed ? buffer::onChunk : this::onChunk);
            }
            String seen = fixed ? buffer.text : text;
            int nl = seen.indexOf('\n');
            if (nl >= 0) {
                return Poll.ready(seen.substring(0, nl));
            }
            waker = cx.waker();
            buffer.waker = cx.waker();
            return Poll.pending();
        }

        private void onChunk(String chunk) {
            text += chunk;
            if (waker != null) {
                waker.wakeByRef();
            }
        }
    }

    @Override
    public String name() {
        return "self-referential Unpin" + site.label();
    }

    @Override
    public void run(Simulation sim, boolean fixed) {
        Stream stream = new Stream();
        JoinHandle<String> parser = sim.spawn("parser", site.wrap(new LineParser(stream, fixed)));
        sim.spawn("writer", Futures.lazy(() -> {
            stream.push("hel");
            return 0;
        }).then(v -> Futures.yieldNow()).then(v -> Futures.lazy(() -> {
            stream.push("lo\nrest");
            return 0;
        })));
        String line = sim.blockOn(parser);
        if (!line.equals("hello")) {
            throw new AssertionError("parsed '" + line + "', expected 'hello'");
        }
    }

    @Override
    public FaultPlan plan() {
        return FaultPlan.only(FaultKind.RELOCATE, 0.5);
    }

    @Override
    public boolean shows(Throwable failure) {
        return failure instanceof ContractViolationException c
                && c.kind() == ContractViolationException.Kind.PIN_VIOLATION;
    }
}
