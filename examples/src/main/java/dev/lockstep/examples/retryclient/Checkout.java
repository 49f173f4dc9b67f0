package dev.lockstep.examples.retryclient;

import static dev.lockstep.async.Async.async;

import dev.lockstep.future.Future;
import dev.lockstep.interop.Interop;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Pays a batch of orders concurrently through a {@link PaymentClient}: async/await code over the
 * client's {@code CompletableFuture}s ({@link Interop#fromCompletionStage}).
 */
public final class Checkout {
    private final PaymentClient client;

    public Checkout(PaymentClient client) {
        this.client = client;
    }

    /**
     * Starts every payment at once, then waits for each.
     *
     * <h2>Returns</h2>
     * A future of the receipts of the orders that were paid, by order id, in the order given. An
     * order whose payment failed ({@link PaymentFailedException}) is left out, to be retried by a
     * later batch.
     */
    public Future<Map<String, Receipt>> payAll(List<Order> orders) {
        return async(a -> {
            Map<String, CompletableFuture<Receipt>> started = new LinkedHashMap<>();
            for (Order o : orders) {
                started.put(o.id(), client.pay(o));
            }
            Map<String, Receipt> paid = new LinkedHashMap<>();
            for (Map.Entry<String, CompletableFuture<Receipt>> e : started.entrySet()) {
                try {
                    paid.put(e.getKey(), a.await(Interop.fromCompletionStage(e.getValue())));
                } catch (PaymentFailedException failed) {
                    // Left out of this batch's receipts; the order stays unpaid.
                }
            }
            return paid;
        });
    }
}
