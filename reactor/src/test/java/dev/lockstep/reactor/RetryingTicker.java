package dev.lockstep.reactor;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * Plain Reactor code, written without any Lockstep type: a feed of five ticks 100 ms apart whose
 * first two subscriptions stall after two ticks; a 300 ms timeout cuts a stalled one off and a
 * back-off retry (100 ms, then 200 ms, no jitter) subscribes again.
 *
 * <p>Virtual timeline: ticks at 100 and 200, timeout at 500, retry at 600; ticks at 700 and 800,
 * timeout at 1100, retry at 1300; ticks at 1400 … 1800, where it completes.
 */
final class RetryingTicker {
    static final Duration COMPLETES_AT = Duration.ofMillis(1800);
    static final List<Long> ITEMS = List.of(0L, 1L, 0L, 1L, 0L, 1L, 2L, 3L, 4L);

    private RetryingTicker() {}

    static Mono<List<Long>> feed() {
        AtomicInteger subscriptions = new AtomicInteger();
        return Flux.defer(() -> {
                    Flux<Long> ticks = Flux.interval(Duration.ofMillis(100)).take(5);
                    return subscriptions.incrementAndGet() <= 2 ? ticks.take(2).concatWith(Flux.never()) : ticks;
                })
                .timeout(Duration.ofMillis(300))
                .retryWhen(Retry.backoff(3, Duration.ofMillis(100)).jitter(0))
                .collectList();
    }
}
