package dev.lockstep.examples.retryclient;

/** {@link PaymentClient} gave up on a payment: its last attempt's failure is the cause. */
public final class PaymentFailedException extends RuntimeException {
    public PaymentFailedException(String orderId, int attempts, Throwable cause) {
        super("payment of " + orderId + " failed after " + attempts + " attempt(s): " + cause, cause);
    }
}
