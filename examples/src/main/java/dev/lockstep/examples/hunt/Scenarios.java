package dev.lockstep.examples.hunt;

import dev.lockstep.examples.Scenario;
import dev.lockstep.examples.kvstore.KvStoreScenario;
import dev.lockstep.examples.lostwakeup.LostWakeupScenario;
import dev.lockstep.examples.pin.PinScenario;
import dev.lockstep.examples.retryclient.RetryClientScenario;
import dev.lockstep.examples.stalewaker.StaleWakerScenario;
import dev.lockstep.examples.walstore.WalStoreScenario;
import java.util.List;
import java.util.Optional;

/** The scenarios the {@code hunt} command knows, in the order {@code hunt --list} prints them. */
public final class Scenarios {
    private Scenarios() {}

    /** Every scenario. */
    public static List<Scenario> all() {
        return List.of(new LostWakeupScenario(), new StaleWakerScenario(), new PinScenario(), new KvStoreScenario(),
                new RetryClientScenario(), new WalStoreScenario());
    }

    /** The scenario called {@code name}, if any. */
    public static Optional<Scenario> named(String name) {
        return all().stream().filter(s -> s.name().equals(name)).findFirst();
    }
}
