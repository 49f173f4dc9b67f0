package dev.lockstep.interop;

import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static org.junit.jupiter.api.Assertions.*;

import dev.lockstep.future.Future;
import dev.lockstep.runtime.*;
import dev.lockstep.time.VirtualScheduledExecutor;
import java.util.concurrent.*;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The complete example of docs/third-party.md, verbatim: it must compile and pass. */
class ThirdPartyGuideTest {
    /** A library's client, written without Lockstep: retries with back-off on the executor it is given. */
    static final class QuoteClient {
        private final ScheduledExecutorService scheduler;
        private final Supplier<CompletableFuture<Integer>> fetch;

        QuoteClient(ScheduledExecutorService scheduler, Supplier<CompletableFuture<Integer>> fetch) {
            this.scheduler = scheduler;
            this.fetch = fetch;
        }

        CompletableFuture<Integer> quote() {
            CompletableFuture<Integer> result = new CompletableFuture<>();
            attempt(1, result);
            return result;
        }

        private void attempt(int n, CompletableFuture<Integer> result) {
            fetch.get().whenComplete((price, error) -> {
                if (error == null) result.complete(price);
                else if (n == 4) result.completeExceptionally(error);
                else scheduler.schedule(() -> attempt(n + 1, result), 100L << n, MILLISECONDS);
            });
        }
    }

    @Test
    void quotesSurviveOutagesWhateverTheSchedule() {
        for (long seed = 0; seed < 500; seed++) {
            Simulation sim = Simulation.builder().seed(seed).build();
            VirtualScheduledExecutor scheduler = sim.scheduledExecutor();
            // The remote service, faked in virtual time: 10-50 ms of latency, down 40% of the time.
            Supplier<CompletableFuture<Integer>> fetch = () -> {
                boolean down = sim.choices().chance(0.4);
                return CompletableFuture.supplyAsync(() -> {
                    if (down) throw new IllegalStateException("503 from quote service");
                    return 42;
                }, scheduler.delayedExecutor(sim.choices().between(10, 50), MILLISECONDS));
            };
            QuoteClient client = new QuoteClient(scheduler, fetch);

            CompletableFuture<Integer> a = client.quote();
            CompletableFuture<Integer> b = scheduler.completeOnTimeout(client.quote(), -1, 1, TimeUnit.SECONDS);
            Future<Integer> both = Interop.fromCompletionStage(a)
                    .then(x -> Interop.fromCompletionStage(b).map(y -> x + y));
            try {
                int sum = sim.blockOn(both);
                assertTrue(sum == 84 || sum == 41, "seed " + seed + ": " + sum);   // 41: b timed out
            } catch (IllegalStateException gaveUp) {
                // Four attempts failed: allowed, but only after backing off 200 + 400 + 800 ms.
                assertTrue(gaveUp.getMessage().contains("503"), gaveUp.getMessage());
                assertTrue(sim.clock().elapsed().toMillis() >= 1400, "seed " + seed + ", " + sim.replayString());
            }
        }
    }
}
