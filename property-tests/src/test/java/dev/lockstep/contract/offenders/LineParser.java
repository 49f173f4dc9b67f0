package dev.lockstep.contract.offenders;

import dev.lockstep.contract.FutureContract;
import dev.lockstep.future.Cancellable;
import dev.lockstep.future.Context;
import dev.lockstep.future.Future;
import dev.lockstep.future.Poll;
import dev.lockstep.future.Unpin;
import dev.lockstep.future.Waker;
import dev.lockstep.time.Sleep;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A parser future that waits for the next line of a push-based source (listeners are called with
 * each line) and completes with the line's first word.
 *
 * <p>The bug (PIN_VIOLATION): the parser is declared {@link Unpin}, yet the listener it registers
 * captures {@code this}; moved between polls, the listener still writes into the old instance.
 * The fixed twin keeps the line and the waker in a separate {@code Slot} that the listener
 * captures, so a copy of the parser shares it and nothing points back at the parser.
 */
public final class LineParser implements Future<String>, Unpin, Cancellable {
    private final LineSource source;
    private final boolean fixed;
    private Consumer<String> listener;
    private Slot slot;
    private String line;
    private Waker waker;

    LineParser(LineSource source, boolean fixed) {
        this.source = source;
        this.fixed = fixed;
    }

    /** The check: a feeder pushes "GET /index.html" after 1 ms; the parser completes with "GET". */
    public static FutureContract<String> contract(boolean fixed) {
        return FutureContract.of(sim -> {
            LineSource source = new LineSource();
            sim.spawn("feeder", Sleep.of(Duration.ofMillis(1)).map(v -> source.push("GET /index.html")));
            return new LineParser(source, fixed);
        }).name("parse").expect("GET");
    }

    @Override
    public Poll<String> poll(Context cx) {
        if (listener == null) {
            if (fixed) {
                slot = new Slot();
                listener = slot::accept;
            } else {
                listener = l -> {
                    line = l;
                    if (waker != null) {
                        waker.wake();
                    }
                };
            }
            source.listen(listener);
        }
        String got = fixed ? slot.line : line;
        if (got != null) {
            source.unlisten(listener);
            return Poll.ready(got.split(" ", 2)[0]);
        }
        if (fixed) {
            slot.waker = cx.waker();
        } else {
            waker = cx.waker();
        }
        return Poll.pending();
    }

    @Override
    public void cancel() {
        if (listener != null) {
            source.unlisten(listener);
        }
    }

    /** Where the fixed parser's listener puts the line; shared by every copy of the parser. */
    private static final class Slot {
        String line;
        Waker waker;

        void accept(String l) {
            line = l;
            if (waker != null) {
                waker.wake();
            }
        }
    }

    /** A push-based line source: calls every listener with each line. */
    static final class LineSource {
        private final List<Consumer<String>> listeners = new ArrayList<>();

        void listen(Consumer<String> l) {
            listeners.add(l);
        }

        void unlisten(Consumer<String> l) {
            listeners.remove(l);
        }

        boolean push(String line) {
            for (Consumer<String> l : List.copyOf(listeners)) {
                l.accept(line);
            }
            return true;
        }
    }
}
