package dev.lockstep.internal.edge;

/**
 * A service ({@link java.util.ServiceLoader}) that installs the call-site rewriting of
 * {@code dev.lockstep:sim-agent} into the running JVM. {@link EdgeAgents#attach()} calls it when
 * the first simulation whose policy is not {@code ALLOW} is built.
 *
 * <h2>Contract</h2>
 * {@link #attach()} is idempotent and thread-safe: the first call installs (or finds the agent
 * already installed with {@code -javaagent}), later calls return the same answer at once.
 */
public interface EdgeAgent {

    /**
     * Installs the agent if it is not installed yet.
     *
     * @return a line describing how it is attached ({@code "-javaagent"} or {@code "self-attached"}),
     *     or why it could not be (the run then behaves as without the agent)
     */
    String attach();

    /** Whether rewritten call sites are active in this JVM. */
    boolean attached();
}
