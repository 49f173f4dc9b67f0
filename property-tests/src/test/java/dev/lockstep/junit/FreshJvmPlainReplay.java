package dev.lockstep.junit;

import dev.lockstep.property.PlantedBugs;
import dev.lockstep.runtime.Simulation;

/**
 * Replays a planted bug through the plain API in this JVM, as a developer pasting a report's
 * {@code Simulation.builder().replay("...")} line would: no JUnit, no fault plan, no scheduler,
 * only the string. Prints the failure and exits with 3 if it failed, prints {@code passed} and
 * exits with 0 if not.
 *
 * <p>Arguments: the planted bug ({@code staleCache} or {@code bigValueAndReversedOrder}) and the
 * replay string (or {@code @path}).
 */
public final class FreshJvmPlainReplay {
    private FreshJvmPlainReplay() {}

    public static void main(String[] args) {
        Simulation sim = Simulation.builder().replay(args[1]).build();
        try {
            switch (args[0]) {
                case "staleCache" -> PlantedBugs.staleCache(sim);
                case "bigValueAndReversedOrder" -> PlantedBugs.bigValueAndReversedOrder(sim);
                default -> throw new IllegalArgumentException("unknown planted bug " + args[0]);
            }
        } catch (Throwable e) {
            System.out.println("failed: " + e);
            System.out.println("plan: " + sim.faultPlan() + ", scheduler: " + sim.scheduler());
            System.exit(3);
        }
        System.out.println("passed");
        System.exit(0);
    }
}
