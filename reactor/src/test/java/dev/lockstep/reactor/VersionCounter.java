package dev.lockstep.reactor;

import java.util.concurrent.atomic.AtomicInteger;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Plain Reactor code with a planted ordering bug: a version counter bumped by reading it on one
 * hop and writing it back on another. Two bumps whose hops interleave (read, read, write, write)
 * lose one. The fixed twin bumps it in one step.
 */
final class VersionCounter {
    private final AtomicInteger version = new AtomicInteger();

    int version() {
        return version.get();
    }

    /** The buggy bump: read on a parallel() hop, write on the next one. */
    Mono<Integer> bumpRacy() {
        return Mono.fromCallable(version::get)
                .subscribeOn(Schedulers.parallel())
                .publishOn(Schedulers.parallel())
                .map(v -> {
                    version.set(v + 1);
                    return v + 1;
                });
    }

    /** The fixed bump: one atomic step on the second hop. */
    Mono<Integer> bump() {
        return Mono.fromCallable(() -> 0)
                .subscribeOn(Schedulers.parallel())
                .publishOn(Schedulers.parallel())
                .map(x -> version.incrementAndGet());
    }
}
