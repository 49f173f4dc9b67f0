package dev.lockstep.examples.retryclient;

import java.util.Objects;

/**
 * One request to {@link PaymentGateway#charge}.
 *
 * @param idempotencyKey requests with equal keys charge at most once
 * @param orderId        the order being paid
 * @param amountCents    the amount, in cents; positive
 */
public record ChargeRequest(String idempotencyKey, String orderId, long amountCents) {
    public ChargeRequest {
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        Objects.requireNonNull(orderId, "orderId");
        if (amountCents <= 0) {
            throw new IllegalArgumentException("amountCents must be positive, got " + amountCents);
        }
    }
}
