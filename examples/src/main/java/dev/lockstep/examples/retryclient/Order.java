package dev.lockstep.examples.retryclient;

import java.util.Objects;

/**
 * An order to pay for.
 *
 * @param id          unique per order
 * @param amountCents what it costs, in cents; positive
 */
public record Order(String id, long amountCents) {
    public Order {
        Objects.requireNonNull(id, "id");
        if (amountCents <= 0) {
            throw new IllegalArgumentException("amountCents must be positive, got " + amountCents);
        }
    }
}
