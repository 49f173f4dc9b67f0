package dev.lockstep.stream;

import dev.lockstep.future.Cancellable;
import dev.lockstep.future.Context;
import dev.lockstep.future.Poll;
import dev.lockstep.time.Interval;
import java.util.Optional;

/** {@link Streams#ticks}: an {@link Interval}'s ticks as a stream that ends only when cancelled. */
final class IntervalStream implements Stream<Long>, Cancellable {
    private final Interval interval;
    /** Whether {@link #cancel()} ended the stream. */
    private boolean cancelled;

    IntervalStream(Interval interval) {
        this.interval = interval;
    }

    @Override
    public Poll<Optional<Long>> pollNext(Context cx) {
        if (cancelled) {
            return Poll.ready(Optional.empty());
        }
        return interval.pollTick(cx).map(Optional::of);
    }

    @Override
    public void cancel() {
        cancelled = true;
        interval.cancel();
    }

    @Override
    public String toString() {
        return "ticks(every " + interval.period() + ")";
    }
}
