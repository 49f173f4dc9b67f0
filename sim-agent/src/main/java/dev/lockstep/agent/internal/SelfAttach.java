package dev.lockstep.agent.internal;

import dev.lockstep.internal.edge.EdgeAgent;
import java.lang.instrument.Instrumentation;
import net.bytebuddy.agent.ByteBuddyAgent;

/**
 * The {@link EdgeAgent} service: installs the agent into the running JVM with Byte Buddy's
 * attach, when a simulation is built and the agent was not given with {@code -javaagent}.
 *
 * <h2>Errors</h2>
 * A JVM that cannot attach to itself (a JRE without the attach module, {@code
 * -XX:-EnableDynamicAgentLoading}) is reported once on standard error with the {@code -javaagent}
 * line to use instead; simulations then run as without the agent.
 */
public final class SelfAttach implements EdgeAgent {
    private static final Object LOCK = new Object();
    /** Why attaching failed, once it has; never cleared. */
    private static String failure;

    @Override
    public String attach() {
        synchronized (LOCK) {
            if (Installer.installed()) {
                return Installer.how();
            }
            if (failure != null) {
                return failure;
            }
            try {
                Instrumentation inst = ByteBuddyAgent.install();
                Installer.install(inst, "self-attached");
                return Installer.how();
            } catch (RuntimeException | LinkageError e) {
                failure = "could not attach the Lockstep agent to this JVM (" + e + "); start the JVM with"
                        + " -javaagent:<path to sim-agent.jar> instead";
                System.err.println("lockstep: " + failure);
                return failure;
            }
        }
    }

    @Override
    public boolean attached() {
        return Installer.installed();
    }
}
