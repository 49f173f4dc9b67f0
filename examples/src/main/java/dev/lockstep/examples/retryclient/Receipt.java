package dev.lockstep.examples.retryclient;

import java.util.Objects;

/**
 * The provider's record of one charge.
 *
 * @param chargeId    unique per charge made, e.g. {@code ch_3}
 * @param orderId     the order charged
 * @param amountCents the amount charged, in cents
 */
public record Receipt(String chargeId, String orderId, long amountCents) {
    public Receipt {
        Objects.requireNonNull(chargeId, "chargeId");
        Objects.requireNonNull(orderId, "orderId");
    }
}
