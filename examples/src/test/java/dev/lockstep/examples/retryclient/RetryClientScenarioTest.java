package dev.lockstep.examples.retryclient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.choice.ChoiceSource;
import dev.lockstep.examples.ScenarioTestCase;
import dev.lockstep.examples.Variant;
import dev.lockstep.runtime.Simulation;
import java.util.List;
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
        void namesTheOrderChargedTwiceAndTheTwoKeysItWasChargedUnder() {
            String message = firstFailure(Variant.BUGGY).failure().getMessage();
            assertTrue(message.matches("order-(\\d) was charged 2 times: \\[ch_\\d+ \\(key order-\\1/attempt-\\d, t=\\d+ms\\), "
                    + "ch_\\d+ \\(key order-\\1/attempt-\\d, t=\\d+ms\\)\\]; the checkout .*"), message);
        }
    }

    @Nested
    class TheFixedClient {
        private SimulatedGateway gateway;
        private Map<String, Receipt> paid;

        private void checkout(Simulation sim) {
            gateway = new SimulatedGateway(sim.scheduledExecutor(), sim.handle());
            PaymentClient client = new PaymentClient(gateway, sim.scheduledExecutor(), false);
            paid = sim.blockOn(new Checkout(client).payAll(RetryClientScenario.ORDERS));
            sim.advance(RetryClientScenario.SETTLE);
        }

        @Test
        void getsOneReceiptPerOrderWhenTheProviderAnswersPromptly() {
            // All-zero choices: 5 ms there, 10 ms of work, 5 ms back; no slow answers, no 503s.
            checkout(Simulation.builder().choices(ChoiceSource.replay(new int[0])).build());
            assertEquals(RetryClientScenario.ORDERS.size(), paid.size(), paid.toString());
            for (Order o : RetryClientScenario.ORDERS) {
                assertEquals(List.of(new Charge(paid.get(o.id()), o.id(), 15)), gateway.charges(o.id()));
                assertEquals(o.amountCents(), paid.get(o.id()).amountCents());
            }
            assertEquals(0, gateway.repeats());
        }

        @Test
        void retriesTimedOutChargesThatTheProviderStillMadeAndIsChargedOnce() {
            int repeats = 0;
            for (long seed = 0; seed < 200; seed++) {
                checkout(Simulation.builder().seed(seed).build());
                repeats += gateway.repeats();
                for (Order o : RetryClientScenario.ORDERS) {
                    assertTrue(gateway.charges(o.id()).size() <= 1, "seed " + seed + ": " + gateway.charges(o.id()));
                }
            }
            assertTrue(repeats >= 10, "the runs should retry charges the provider made: " + repeats + " repeats");
        }
    }
}
