package dev.lockstep.runtime;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.runtime.planted.FusedViolationBug;
import dev.lockstep.runtime.planted.PlantedBug;
import dev.lockstep.runtime.planted.PollSite;
import dev.lockstep.runtime.planted.SelfReferentialUnpinBug;
import java.util.Locale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The fused check ({@code poll-after-ready}) and move injection ({@code relocate}) reach futures
 * below a task's root: a broken {@code FusedFuture} and a self-referential {@code Unpin} future
 * are caught when awaited inside an async body, a {@code select} or a {@code map}, as they are
 * when they are the task, on every one of 50 seeds within 20 runs; their fixed twins pass.
 */
class InnerPollSitesTest {
    static final int SEEDS = 50;

    static void caughtOnEverySeed(PlantedBug bug) {
        int worst = 0;
        for (int s = 0; s < SEEDS; s++) {
            BugHunt h = BugHunt.hunt(bug, false, BugHunt.targeted(bug), s * 1_000L, 20);
            assertTrue(h.found(), bug.name() + ": not caught in 10 runs from seed " + s * 1_000L);
            if (!bug.shows(h.failure())) {
                throw new AssertionError(bug.name() + ": failed with something else", h.failure());
            }
            worst = Math.max(worst, h.runs());
        }
        System.out.printf(Locale.ROOT, "poll sites %-40s caught on %d of %d seed streams, worst %d runs%n",
                bug.name(), SEEDS, SEEDS, worst);
    }

    static void fixedTwinPasses(PlantedBug bug) {
        BugHunt h = BugHunt.hunt(bug, true, BugHunt.targeted(bug), 0, 500);
        if (h.found()) {
            throw new AssertionError("fixed " + bug.name() + " failed on seed " + h.seed(), h.failure());
        }
    }

    @ParameterizedTest
    @EnumSource(PollSite.class)
    void aBrokenFusedFutureIsCaughtWhereverItIsPolled(PollSite site) {
        caughtOnEverySeed(new FusedViolationBug(site));
        fixedTwinPasses(new FusedViolationBug(site));
    }

    @ParameterizedTest
    @EnumSource(PollSite.class)
    void aSelfReferentialUnpinFutureIsCaughtWhereverItIsPolled(PollSite site) {
        caughtOnEverySeed(new SelfReferentialUnpinBug(site));
        fixedTwinPasses(new SelfReferentialUnpinBug(site));
    }
}
