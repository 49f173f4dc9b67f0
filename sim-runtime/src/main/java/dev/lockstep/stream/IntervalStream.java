package dev.lockstep.stream;

import dev.lockstep.future.Cancellable;
import dev.lockstep.future.Context;
import dev.lockstep.future.Poll;
import dev.lockstep.time.Interval;
import java.util.Optional;

/** {@link Streams#ticks}: an {@link Interval}'s ticks as an endless stream. */
final class IntervalStream implements Stream<Long>, Cancellable {
    private final Interval interval;

    IntervalStream(Interval interval) {
        this.interval = interval;
    }

    @Override
    public Poll<Optional<Long>> pollNext(Context cx) {
        return interval.pollTick(cx).map(Optional::of);
    }

    @Override
    public void cancel() {
        interval.cancel();
    }

    @Override
    public String toString() {
        return "ticks(every " + interval.period() + ")";
    }
}
