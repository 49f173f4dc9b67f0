package dev.lockstep.internal.fault;

import dev.lockstep.fault.FaultKind;
import dev.lockstep.future.RuntimeHandle;
import dev.lockstep.trace.Trace;
import dev.lockstep.trace.TraceEvent;
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
public final class BuggifySites {
    private final RuntimeHandle run;
    private final Trace trace;
    private final double p;
    /** Site to whether it is enabled in this run; a lookup table only, never iterated. */
    private final Map<String, Boolean> sites = new HashMap<>();

    /** The sites of one run whose choices, step, clock and current task {@code run} gives, tracing to {@code trace}. */
    public BuggifySites(RuntimeHandle run, Trace trace, double p) {
        this.run = run;
        this.trace = trace;
        this.p = p;
    }

    /** Whether {@code site} fires now (see the class comment). */
    public boolean fires(String site) {
        Objects.requireNonNull(site, "buggify(site): site is null");
        if (p == 0.0) {
            return false;
        }
        // The draws are labelled buggify's (see ChoiceSource.tag): a shrinker switching buggify
        // off drops exactly them.
        run.choices().tag(FaultKind.BUGGIFY.tag());
        try {
            Boolean enabled = sites.get(site);
            if (enabled == null) {
                enabled = run.choices().chance(p);
                sites.put(site, enabled);
                if (enabled) {
                    record(site, "site enabled for this run");
                }
            }
            if (!enabled || !run.choices().chance(p)) {
                return false;
            }
        } finally {
            run.choices().tag(0);
        }
        record(site, "fired");
        return true;
    }

    private void record(String site, String what) {
        trace.add(new TraceEvent.Fault(run.step(), run.nanos(), run.currentTaskId(), run.currentTaskName(),
                FaultKind.BUGGIFY.key(), site + ": " + what));
    }
}
