package dev.lockstep.examples.retryclient;

import java.util.concurrent.CompletableFuture;

/**
 * A payment provider's asynchronous client API, in the style of a third-party SDK: it knows nothing
 * of Lockstep and returns {@code CompletableFuture}s.
 *
 * <h2>Idempotency</h2>
 * Requests that carry the same {@linkplain ChargeRequest#idempotencyKey() idempotency key} charge
 * the card at most once: a repeated request gets the receipt of the first charge (as Stripe's
 * {@code Idempotency-Key} header). Requests with different keys are different payments, even for
 * the same order.
 *
 * <h2>Errors</h2>
 * The returned future fails with {@link GatewayUnavailableException} when the provider refused the
 * request without charging (a 503); the caller may retry. A request the caller stops waiting for
 * may still be charged: only the idempotency key makes a retry safe.
 */
public interface PaymentGateway {

    /**
     * Charges {@code request.amountCents()} for {@code request.orderId()}.
     *
     * @return the receipt of the charge, once the provider's response arrives
     */
    CompletableFuture<Receipt> charge(ChargeRequest request);
}
