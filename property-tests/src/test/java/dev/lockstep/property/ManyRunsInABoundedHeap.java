package dev.lockstep.property;

import dev.lockstep.async.Async;
import dev.lockstep.future.Futures;
import dev.lockstep.runtime.Simulation;

/**
 * A property of {@code args[0]} runs in which every run leaves {@code args[1]} server loops
 * suspended in an async body, forever waiting for a request: run in a JVM with a small heap by
 * {@link PropertyRunsReleaseTest}. Prints {@code passed <runs>} and exits 0 if the check passed.
 */
public final class ManyRunsInABoundedHeap {
    private ManyRunsInABoundedHeap() {}

    public static void main(String[] args) {
        int runs = Integer.parseInt(args[0]);
        int loops = Integer.parseInt(args[1]);
        PropertyResult r = Property.of("server loops left suspended", (Simulation sim) -> {
            for (int i = 0; i < loops; i++) {
                sim.spawn("server-" + i, Async.async(a -> {
                    byte[] state = new byte[256]; // what a server loop holds between requests
                    while (true) {
                        a.await(Futures.<Void>pending());
                        state[0]++;
                    }
                }));
            }
            sim.blockOn(Futures.yieldNow());
        }).runs(runs).check();
        if (r.failure().isPresent()) {
            System.out.println("failed: " + r.failure().get());
            System.exit(1);
        }
        System.out.println("passed " + r.executedRuns());
    }
}
