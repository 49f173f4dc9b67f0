package dev.lockstep.examples.retryclient;

import static java.util.concurrent.TimeUnit.MILLISECONDS;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeoutException;

/**
 * Pays orders through a {@link PaymentGateway}, with a timeout on each attempt and retries with
 * exponential back-off: plain {@code CompletableFuture} code that takes any
 * {@code ScheduledExecutorService} for its timers (a real one in production, the simulation's
 * {@code scheduledExecutor()} in a test).
 *
 * <h2>Retries</h2>
 * An attempt that fails with {@link GatewayUnavailableException} or gets no answer within
 * {@link #ATTEMPT_TIMEOUT} is retried after {@link #FIRST_BACKOFF}, doubling each time, up to
 * {@link #MAX_ATTEMPTS} attempts in all. An attempt's timer is cancelled when its answer arrives.
 *
 * <h2>Returns</h2>
 * {@link #pay} completes with the receipt of the first attempt answered, or fails with
 * {@link PaymentFailedException} carrying the last attempt's failure.
 *
 * <h2>The planted bug</h2>
 * A timed-out attempt is not a failed charge: the provider may still be working on it and charge
 * it later. The buggy variant gives every attempt its own idempotency key ({@code order/attempt-n}),
 * so the provider cannot tell a retry from a new payment and a slow first attempt plus its retry
 * charge the order twice. The fixed variant uses one key per payment (the order id), so the
 * provider charges it at most once however many attempts reach it.
 */
public final class PaymentClient {
    /** How long an attempt waits for the provider's answer. */
    public static final Duration ATTEMPT_TIMEOUT = Duration.ofMillis(250);
    /** The wait before the second attempt; it doubles for each further one. */
    public static final Duration FIRST_BACKOFF = Duration.ofMillis(100);
    /** Attempts per payment, the first included. */
    public static final int MAX_ATTEMPTS = 3;

    private final PaymentGateway gateway;
    private final ScheduledExecutorService scheduler;
    private final boolean buggy;

    /**
     * A client of {@code gateway} whose timeouts and back-off run on {@code scheduler}.
     *
     * @param buggy plants the key-per-attempt bug
     */
    public PaymentClient(PaymentGateway gateway, ScheduledExecutorService scheduler, boolean buggy) {
        this.gateway = gateway;
        this.scheduler = scheduler;
        this.buggy = buggy;
    }

    /** Charges {@code order}, retrying as described above. */
    public CompletableFuture<Receipt> pay(Order order) {
        CompletableFuture<Receipt> result = new CompletableFuture<>();
        attempt(order, 1, result);
        return result;
    }

    private void attempt(Order order, int n, CompletableFuture<Receipt> result) {
        String key = buggy ? order.id() + "/attempt-" + n : order.id();
        withTimeout(gateway.charge(new ChargeRequest(key, order.id(), order.amountCents())))
                .whenComplete((receipt, error) -> {
                    if (error == null) {
                        result.complete(receipt);
                        return;
                    }
                    Throwable cause = error instanceof CompletionException && error.getCause() != null
                            ? error.getCause() : error;
                    boolean retryable = cause instanceof TimeoutException || cause instanceof GatewayUnavailableException;
                    if (!retryable || n == MAX_ATTEMPTS) {
                        result.completeExceptionally(new PaymentFailedException(order.id(), n, cause));
                        return;
                    }
                    long backoff = FIRST_BACKOFF.toMillis() << (n - 1);
                    scheduler.schedule(() -> attempt(order, n + 1, result), backoff, MILLISECONDS);
                });
    }

    /** {@code call}, or a {@link TimeoutException} if it does not answer within {@link #ATTEMPT_TIMEOUT}. */
    private CompletableFuture<Receipt> withTimeout(CompletableFuture<Receipt> call) {
        CompletableFuture<Receipt> timed = new CompletableFuture<>();
        ScheduledFuture<?> timer = scheduler.schedule(() -> timed.completeExceptionally(new TimeoutException(
                "no answer within " + ATTEMPT_TIMEOUT.toMillis() + " ms")), ATTEMPT_TIMEOUT.toMillis(), MILLISECONDS);
        call.whenComplete((receipt, error) -> {
            timer.cancel(false);
            if (error == null) {
                timed.complete(receipt);
            } else {
                timed.completeExceptionally(error);
            }
        });
        return timed;
    }
}
