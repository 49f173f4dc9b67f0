package dev.lockstep.agent.internal.calls;

import dev.lockstep.internal.edge.CurrentRun;
import dev.lockstep.internal.edge.EdgeRun;

/**
 * What a handler does with a call made on a simulation's thread, as the run's policy says.
 *
 * <ul>
 *   <li>{@link #virtualizing}: for a call with a faithful virtual equivalent. Off a simulation's
 *       thread, or under {@code ALLOW}: null (call through, as before). Under {@code VIRTUALIZE}:
 *       the run, after noting the site in its trace once. Under {@code REPORT}: throws the
 *       {@code EscapeException}.
 *   <li>{@link #blocking} and {@link #reported}: for a call without one. Under {@code VIRTUALIZE}
 *       and {@code REPORT}: throws; otherwise returns and the handler calls through.
 * </ul>
 */
public final class Sites {
    private Sites() {
    }

    static EdgeRun virtualizing(int site) {
        EdgeRun run = CurrentRun.get();
        if (run == null) {
            return null;
        }
        if (run.virtualizes()) {
            run.virtualized(site, CallSites.get(site).note());
            return run;
        }
        if (run.reports()) {
            throw report(run, site, null);
        }
        return null;
    }

    /**
     * {@link #virtualizing} for a call whose site is found on the stack ({@link CallSites#caller}):
     * a submission to a routing executor. The stack is walked only on a simulation's thread.
     */
    static EdgeRun virtualizingCaller(String call) {
        EdgeRun run = CurrentRun.get();
        if (run == null || !run.reports()) {
            return null;
        }
        return virtualizing(CallSites.caller(call, EscapeKind.EXECUTOR));
    }

    /** The run of this thread if the call must be reported (VIRTUALIZE or REPORT), else null. */
    static EdgeRun reporting() {
        EdgeRun run = CurrentRun.get();
        return run == null || !run.reports() ? null : run;
    }

    /** Throws the report of {@code site} if a simulation runs on this thread under VIRTUALIZE or REPORT. */
    static void reported(int site) {
        EdgeRun run = reporting();
        if (run != null) {
            throw report(run, site, null);
        }
    }

    /**
     * Throws the report of a blocking call at {@code site} that would block now, if a simulation
     * runs on this thread under VIRTUALIZE or REPORT; {@code detail} says what it waits for.
     */
    static void blocking(int site, String detail) {
        EdgeRun run = reporting();
        if (run != null) {
            throw report(run, site, detail);
        }
    }

    static RuntimeException report(EdgeRun run, int site, String detail) {
        CallSites.Site s = CallSites.get(site);
        String why = detail == null ? s.escape().why : detail + "; it " + s.escape().why;
        return run.escape(s.call(), s.site(), "it " + why, s.escape().fix);
    }
}
