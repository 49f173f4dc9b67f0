package dev.lockstep.examples.retryclient;

import java.util.Objects;

/**
 * One entry of the {@link SimulatedGateway}'s ledger: a charge the provider made.
 *
 * @param receipt        what the provider answered for it
 * @param idempotencyKey the key of the request that made it
 * @param atMillis       when it was made, in virtual milliseconds since the start of the run
 */
public record Charge(Receipt receipt, String idempotencyKey, long atMillis) {
    public Charge {
        Objects.requireNonNull(receipt, "receipt");
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
    }

    /** For failure messages: {@code ch_3 (key order-1/attempt-1, t=370ms)}. */
    @Override
    public String toString() {
        return receipt.chargeId() + " (key " + idempotencyKey + ", t=" + atMillis + "ms)";
    }
}
