package dev.lockstep.reactor;

import dev.lockstep.future.Future;
import dev.lockstep.future.JoinHandle;
import dev.lockstep.interop.Interop;
import dev.lockstep.interop.PublisherReceiver;
import dev.lockstep.runtime.Simulation;
import java.util.Objects;
import java.util.Optional;
import org.reactivestreams.Publisher;
import reactor.adapter.JdkFlowAdapter;
import reactor.core.publisher.Mono;

/**
 * Adapters between Reactive Streams publishers and Lockstep futures.
 *
 * <ul>
 *   <li>{@link #fromPublisher}: the items of a publisher, one {@code next()} future at a time,
 *       with backpressure through polling ({@link PublisherReceiver}).
 *   <li>{@link #fromMono}: a future of a mono's value, for {@code sim.blockOn} and {@code a.await}.
 *   <li>{@link #toMono}: a {@link Mono} view of a Lockstep future, run as a simulation task
 *       ({@code .flux()} gives the {@code Flux} view). A {@code Flux} view of a Lockstep stream,
 *       and a stream of a publisher's items, follow when {@code dev.lockstep.stream.Stream} lands;
 *       {@link PublisherReceiver#next()} is the shape its {@code pollNext} will take.
 * </ul>
 *
 * <h2>Determinism</h2>
 * A publisher's signals must come from the simulation's thread: install {@link VirtualSchedulers}
 * (or pass {@link VirtualSchedulers#scheduler}) so its timers and hops are simulation tasks. A
 * signal from a real thread is reported as nondeterminism by the waker it wakes.
 */
public final class ReactorInterop {
    private ReactorInterop() {}

    /**
     * The items of {@code publisher}, pulled one at a time; see {@link PublisherReceiver}. The
     * Reactive Streams form of {@link Interop#fromPublisher}, which takes a JDK {@code Flow.Publisher}.
     */
    public static <T> PublisherReceiver<T> fromPublisher(Publisher<T> publisher) {
        Objects.requireNonNull(publisher, "publisher");
        return Interop.fromPublisher(JdkFlowAdapter.publisherToFlowPublisher(publisher));
    }

    /**
     * A future of {@code mono}'s value: {@code Ready(value)}, {@code Ready(null)} if it completed
     * empty; polling it throws the mono's error (a checked one wrapped in a
     * {@code RuntimeException}, as {@link PublisherReceiver} says). The mono is subscribed on the first poll;
     * cancelling the future (its task aborted, a {@code select} loser) does not cancel it; use
     * {@link #fromPublisher} for that.
     */
    public static <T> Future<T> fromMono(Mono<T> mono) {
        PublisherReceiver<T> receiver = fromPublisher(Objects.requireNonNull(mono, "mono"));
        return receiver.next().map(v -> v.orElse(null));
    }

    /**
     * A {@link Mono} that, on each subscription, spawns {@code future} on {@code sim} as the task
     * {@code name} and emits its value ({@code null} completes empty) or its exception.
     * Cancelling the subscription aborts the task.
     *
     * @throws IllegalStateException (as an {@code onError}) when subscribed from a thread other than
     *                               the simulation's, or after the simulation ended
     */
    public static <T> Mono<T> toMono(Simulation sim, String name, Future<T> future) {
        Objects.requireNonNull(sim, "sim");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(future, "future");
        return Mono.create(sink -> {
            JoinHandle<Void> task = sim.spawn(name, new MonoTask<>(future, sink));
            sink.onCancel(task::abort);
        });
    }

    /** {@link #toMono(Simulation, String, Future)} with the task named {@code "mono"}. */
    public static <T> Mono<T> toMono(Simulation sim, Future<T> future) {
        return toMono(sim, "mono", future);
    }

}
