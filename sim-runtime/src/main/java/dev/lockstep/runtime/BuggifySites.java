package dev.lockstep.runtime;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The {@code buggify} sites of one run, FoundationDB style: the first time a site is asked, it is
 * enabled for the rest of the run with probability {@code p}; an enabled site then fires with
 * probability {@code p} at each call. With {@code p == 0} (the plan does not enable buggify) every
 * call answers {@code false} and draws nothing.
 *
 * <p>Both draws come from the run's choices, so a run that failed because a site fired replays
 * and shrinks like any other (a recorded 0 means "off" and "does not fire"). Enabling and firing
 * are {@code buggify} faults in the trace, named by site and task.
 */
final class BuggifySites {
    private final Simulation sim;
    private final double p;
    /** Site to whether it is enabled in this run; a lookup table only, never iterated. */
    private final Map<String, Boolean> sites = new HashMap<>();

    BuggifySites(Simulation sim, double p) {
        this.sim = sim;
        this.p = p;
    }

    boolean fires(String site) {
        Objects.requireNonNull(site, "buggify(site): site is null");
        if (p == 0.0) {
            return false;
        }
        Boolean enabled = sites.get(site);
        if (enabled == null) {
            enabled = sim.choices().chance(p);
            sites.put(site, enabled);
            if (enabled) {
                record(site, "site enabled for this run");
            }
        }
        if (!enabled || !sim.choices().chance(p)) {
            return false;
        }
        record(site, "fired");
        return true;
    }

    private void record(String site, String what) {
        Task t = sim.tasks().current();
        sim.trace().add(new TraceEvent.Fault(sim.step(), sim.nanos(), t != null ? t.id : -1, t != null ? t.name : "-",
                FaultKind.BUGGIFY.key(), site + ": " + what));
    }
}
