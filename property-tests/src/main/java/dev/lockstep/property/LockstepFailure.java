package dev.lockstep.property;

/**
 * A property did not hold. The message is the full report; the cause is the original exception of
 * the failing run; the shrunk run's exception, when there is one, is attached as suppressed.
 *
 * <p>An {@link AssertionError}, so test frameworks count it as a failed test, not an error.
 */
public final class LockstepFailure extends AssertionError {
    private final transient FailureReport report;

    /** A failure described by {@code report}, with the commands of this JVM's build tool. */
    public LockstepFailure(FailureReport report) {
        this(report, BuildTool.current());
    }

    /** A failure described by {@code report}, with the replay commands of {@code tool}. */
    public LockstepFailure(FailureReport report, BuildTool tool) {
        super(report.format(tool), report.original());
        this.report = report;
        if (report.reproduced() && report.shrunkFailure() != report.original()) {
            addSuppressed(report.shrunkFailure());
        }
    }

    /** A failure that is not a failing run (a nondeterministic one), with its cause. */
    public LockstepFailure(String message, Throwable cause) {
        super(message, cause);
        this.report = null;
    }

    /** The report, or {@code null} when the failure is not a failing run. */
    public FailureReport report() {
        return report;
    }
}
