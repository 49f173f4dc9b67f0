package dev.lockstep.examples.retryclient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.examples.ScenarioTestCase;
import dev.lockstep.examples.Variant;
import dev.lockstep.runtime.ChoiceSource;
import dev.lockstep.runtime.Simulation;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class RetryClientScenarioTest extends ScenarioTestCase {
    RetryClientScenarioTest() {
        super(new RetryClientScenario(), AssertionError.class);
    }

    @Nested
    class TheFailure {
        @Test
        void namesTheOrderChargedTwiceAndBothCharges() {
            String message = firstFailure(Variant.BUGGY).failure().getMessage();
            assertTrue(message.matches("(?s)order-\\d was charged 2 times: \\[Receipt\\[chargeId=ch_\\d+.*"
                    + "Receipt\\[chargeId=ch_\\d+.*"), message);
        }
    }

    @Nested
    class TheFixedClient {
        @Test
        void getsOneReceiptPerOrderWhenTheProviderAnswersPromptly() {
            // All-zero choices: minimum latencies, no slow answers, no 503s.
            Simulation sim = Simulation.builder().choices(ChoiceSource.replay(new int[0])).build();
            SimulatedGateway gateway = new SimulatedGateway(sim.scheduledExecutor(), sim.choices());
            PaymentClient client = new PaymentClient(gateway, sim.scheduledExecutor(), false);
            Map<String, Receipt> paid = sim.blockOn(new Checkout(client).payAll(RetryClientScenario.ORDERS));
            assertEquals(RetryClientScenario.ORDERS.size(), paid.size(), paid.toString());
            for (Order o : RetryClientScenario.ORDERS) {
                assertEquals(java.util.List.of(paid.get(o.id())), gateway.charges(o.id()));
                assertEquals(o.amountCents(), paid.get(o.id()).amountCents());
            }
        }
    }
}
