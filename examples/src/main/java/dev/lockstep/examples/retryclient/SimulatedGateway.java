package dev.lockstep.examples.retryclient;

import static java.util.concurrent.TimeUnit.MILLISECONDS;

import dev.lockstep.choice.ChoiceSource;
import dev.lockstep.future.RuntimeHandle;
import dev.lockstep.trace.TraceEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The payment provider, faked in virtual time: each request travels 5 to 30 ms to the provider,
 * which works on it for 10 to 60 ms (200 to 800 ms for 8% of requests: a slow bank), then commits
 * it and answers; the answer travels 5 to 30 ms back. 5% of requests are refused with a 503
 * instead, without a charge. Every latency and outcome is drawn from the run's choices when the
 * request is made, and the delays run on the {@code ScheduledExecutorService} it is given, so a
 * run is reproduced by its replay string. Each charge is noted in the run's trace.
 *
 * <h2>Idempotency</h2>
 * A request is committed when the provider's work on it ends: the first request of an idempotency
 * key to get there charges, and every other one with that key (earlier or later) is answered with
 * that charge's receipt. See {@link PaymentGateway}.
 *
 * <h2>The ledger</h2>
 * {@link #charges(String)} lists what the provider actually charged, which is what a scenario
 * checks the client's view against.
 */
public final class SimulatedGateway implements PaymentGateway {
    /** Share of requests the provider is slow on. */
    static final double SLOW = 0.08;
    /** Share of requests refused with a 503. */
    static final double UNAVAILABLE = 0.05;

    private final ScheduledExecutorService scheduler;
    private final RuntimeHandle runtime;
    private final ChoiceSource choices;
    /** Every charge made, in commit order. */
    private final List<Charge> ledger = new ArrayList<>();
    /** The charge made for each idempotency key committed so far. */
    private final Map<String, Receipt> byKey = new HashMap<>();
    /** Requests answered with the receipt of an earlier charge of their key. */
    private int repeats;

    /**
     * A provider whose delays run on {@code scheduler} (a simulation's {@code scheduledExecutor()})
     * and whose latencies and failures are drawn from {@code runtime}'s choices.
     */
    public SimulatedGateway(ScheduledExecutorService scheduler, RuntimeHandle runtime) {
        this.scheduler = scheduler;
        this.runtime = runtime;
        this.choices = runtime.choices();
    }

    @Override
    public CompletableFuture<Receipt> charge(ChargeRequest request) {
        long there = choices.between(5, 30);
        boolean refused = choices.chance(UNAVAILABLE);
        long work = choices.chance(SLOW) ? choices.between(200, 800) : choices.between(10, 60);
        long back = choices.between(5, 30);
        CompletableFuture<Receipt> response = new CompletableFuture<>();
        scheduler.schedule(() -> {
            if (refused) {
                scheduler.schedule(() -> response.completeExceptionally(new GatewayUnavailableException(
                        "503 Service Unavailable for " + request.idempotencyKey())), back, MILLISECONDS);
                return;
            }
            Receipt receipt = commit(request);
            scheduler.schedule(() -> response.complete(receipt), back, MILLISECONDS);
        }, there + work, MILLISECONDS);
        return response;
    }

    /** The charges made for {@code orderId}, in the order they were made. */
    public List<Charge> charges(String orderId) {
        return ledger.stream().filter(c -> c.receipt().orderId().equals(orderId)).toList();
    }

    /** How many requests were answered with the receipt of an earlier charge of their idempotency key. */
    public int repeats() {
        return repeats;
    }

    private Receipt commit(ChargeRequest request) {
        if (byKey.containsKey(request.idempotencyKey())) {
            repeats++;
        }
        return byKey.computeIfAbsent(request.idempotencyKey(), key -> {
            Receipt r = new Receipt("ch_" + (ledger.size() + 1), request.orderId(), request.amountCents());
            Charge c = new Charge(r, key, runtime.nanos() / 1_000_000);
            ledger.add(c);
            runtime.trace(new TraceEvent.Note(runtime.step(), runtime.nanos(), runtime.currentTaskId(),
                    runtime.currentTaskName(), "provider charged " + r.orderId() + ": " + c));
            return r;
        });
    }
}
