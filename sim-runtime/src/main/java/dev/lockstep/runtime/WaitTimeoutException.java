package dev.lockstep.runtime;

/**
 * A {@link VirtualWait} ran out of virtual time with its condition false: Lockstep's counterpart
 * of Awaitility's {@code ConditionTimeoutException}. The message names the condition, how long and
 * how often it was checked, what the last check saw, the step, virtual time and replay string;
 * the cause is the last {@link AssertionError} of an {@code untilAsserted} wait.
 */
public class WaitTimeoutException extends SimulationException {
    private final String alias;

    public WaitTimeoutException(String message, String alias, long step, long nanos, String replay, Throwable cause) {
        super(message, step, nanos, replay, cause);
        this.alias = alias;
    }

    /** The condition's alias, or {@code null} if it was given none. */
    public String alias() {
        return alias;
    }
}
