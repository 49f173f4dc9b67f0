package dev.lockstep.reactor;

import dev.lockstep.runtime.Simulation;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Puts Project Reactor on a simulation's virtual clock and schedule, as reactor-test's
 * {@code VirtualTimeScheduler.getOrSet()} does for its own clock.
 *
 * <pre>{@code
 * try (SchedulerInstallation on = VirtualSchedulers.install(sim)) {
 *     Mono<String> reply = client.call().timeout(Duration.ofSeconds(2)).retryWhen(Retry.backoff(3, ofMillis(100)));
 *     String r = sim.blockOn(ReactorInterop.fromMono(reply));
 * }
 * }</pre>
 *
 * <h2>What changes</h2>
 * While the installation is open, Reactor's scheduler factory is Lockstep's
 * ({@code Schedulers.setFactoryWithSnapshot}): {@code Schedulers.parallel()}, {@code single()},
 * {@code boundedElastic()}, {@code newParallel(..)} and the rest return schedulers whose tasks are
 * tasks of {@code sim}, so every operator that defaults to them ({@code Mono.delay},
 * {@code Flux.interval}, {@code timeout}, {@code retryWhen(Retry.backoff(..))}, {@code delayElements},
 * {@code publishOn}, {@code subscribeOn}) runs in virtual time, in an order drawn from the run's
 * choices, with nothing passed by hand. {@link SchedulerInstallation#close()} restores the
 * snapshot: the schedulers Reactor had before, and the factory; and it disposes every scheduler
 * made while it was open.
 *
 * <h2>Determinism</h2>
 * A worker's tasks run in submission order, as Reactor promises; everything else that Reactor
 * leaves unordered (two workers, two direct tasks of {@code parallel()}) is a choice, so the
 * schedule search covers it. One thing Lockstep cannot see: {@code Retry.backoff} draws its
 * jitter from {@code ThreadLocalRandom}, so a run with jitter does not repeat; give the spec
 * {@code .jitter(0)} in a simulation (or draw your own from {@code sim.choices()}).
 *
 * <h2>Errors</h2>
 * Never call {@code block()} on the simulation's thread: nothing would run the tasks it waits
 * for, and it would wait in real time forever. Await instead:
 * {@code sim.blockOn(ReactorInterop.fromMono(mono))}, or {@code a.await(..)} in an async body. A
 * runnable that throws fails its task and so the run ({@code TaskFailedException}, naming the
 * scheduler); scheduling after the installation closed throws {@code RejectedExecutionException}.
 *
 * <h2>Threads</h2>
 * Reactor's scheduler factory is one per JVM, so one installation may be open at a time: a second
 * {@code install} before the first is closed throws {@link IllegalStateException}. Run Reactor
 * simulations one at a time (a {@code @SimTest}'s runs are sequential unless given parallelism).
 * The installation is the only JVM-wide state Lockstep keeps, and it exists because Reactor's is.
 */
public final class VirtualSchedulers {
    /** The open installation, or null: mirrors Reactor's own JVM-wide factory. */
    private static final AtomicReference<SchedulerInstallation> OPEN = new AtomicReference<>();

    private VirtualSchedulers() {}

    /**
     * Makes Lockstep Reactor's scheduler factory for {@code sim} until the returned installation
     * is closed.
     *
     * @throws IllegalStateException if another installation is open
     */
    public static SchedulerInstallation install(Simulation sim) {
        Objects.requireNonNull(sim, "install(sim): sim is null");
        SchedulerInstallation inst = new SchedulerInstallation(sim, OPEN);
        if (!OPEN.compareAndSet(null, inst)) {
            SchedulerInstallation other = OPEN.get();
            throw new IllegalStateException("Reactor's schedulers are already installed on " + other.describe()
                    + "; Reactor's scheduler factory is JVM-wide, so close that installation first"
                    + " (try-with-resources) and run Reactor simulations one at a time");
        }
        SimSchedulerFactory factory = new SimSchedulerFactory(sim);
        inst.open(Schedulers.setFactoryWithSnapshot(factory), factory);
        return inst;
    }

    /**
     * A Reactor scheduler on {@code sim} without installing anything, for code that takes a
     * scheduler: {@code Mono.delay(d, VirtualSchedulers.scheduler(sim))}. Its direct tasks are each
     * a task of their own; its workers run their tasks in order.
     */
    public static Scheduler scheduler(Simulation sim) {
        return new SimScheduler(Objects.requireNonNull(sim, "sim"), "reactor-lockstep", false);
    }

    /** Whether an installation is open (for tests of this module and for diagnostics). */
    public static boolean isInstalled() {
        return OPEN.get() != null;
    }
}
