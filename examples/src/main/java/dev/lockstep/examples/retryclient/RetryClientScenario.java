package dev.lockstep.examples.retryclient;

import dev.lockstep.examples.Scenario;
import dev.lockstep.examples.Variant;
import dev.lockstep.runtime.Simulation;
import dev.lockstep.time.VirtualScheduledExecutor;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A checkout pays three orders at once through a {@link PaymentClient} that times out and retries
 * calls to a {@link SimulatedGateway}; its timers run on the simulation's
 * {@code scheduledExecutor()}, so the whole exchange happens in virtual time and replays. Once
 * every request still in flight has reached the provider, the provider's ledger is checked.
 * Properties: no order is charged more than once, and every receipt the checkout got is a charge
 * the provider made.
 *
 * <p>No fault injection is needed: the provider's slow answers are part of the run's choices. The
 * buggy client retries a timed-out attempt under a new idempotency key, so a slow attempt that
 * commits after its retry charges the order twice.
 */
public final class RetryClientScenario implements Scenario {
    static final List<Order> ORDERS = List.of(new Order("order-1", 2_500), new Order("order-2", 1_299),
            new Order("order-3", 9_900));
    /** Long enough for every request still in flight to reach the provider and be answered. */
    static final Duration SETTLE = Duration.ofSeconds(5);

    @Override
    public String name() {
        return "retry-client";
    }

    @Override
    public String summary() {
        return "a CompletableFuture payment client that retries timed-out charges under new keys (double charge)";
    }

    @Override
    public int budget() {
        return 60;
    }

    @Override
    public void run(Simulation sim, Variant variant) {
        VirtualScheduledExecutor scheduler = sim.scheduledExecutor();
        SimulatedGateway gateway = new SimulatedGateway(scheduler, sim.handle());
        PaymentClient client = new PaymentClient(gateway, scheduler, variant == Variant.BUGGY);
        Map<String, Receipt> paid = sim.blockOn(new Checkout(client).payAll(ORDERS));
        sim.advance(SETTLE);
        for (Order order : ORDERS) {
            List<Charge> charges = gateway.charges(order.id());
            Receipt receipt = paid.get(order.id());
            if (charges.size() > 1) {
                throw new AssertionError(order.id() + " was charged " + charges.size() + " times: " + charges
                        + "; the checkout " + (receipt != null ? "got " + receipt.chargeId() : "reported it unpaid"));
            }
            if (receipt != null && charges.stream().noneMatch(c -> c.receipt().equals(receipt))) {
                throw new AssertionError("the checkout got receipt " + receipt + " for " + order.id()
                        + ", but the provider charged " + charges);
            }
        }
    }
}
