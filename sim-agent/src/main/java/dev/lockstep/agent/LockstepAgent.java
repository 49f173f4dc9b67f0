package dev.lockstep.agent;

import dev.lockstep.agent.internal.Installer;
import dev.lockstep.agent.internal.SelfAttach;
import java.lang.instrument.Instrumentation;

/**
 * The agent's entry points.
 *
 * <ul>
 *   <li>{@code -javaagent:path/to/sim-agent.jar} calls {@link #premain} before {@code main}: every
 *       class is rewritten as it loads.
 *   <li>Without the flag, with {@code sim-agent} on the class path, the first simulation built
 *       calls {@link #attach()}, which loads the agent into the running JVM; classes loaded before
 *       are rewritten again (retransformed). JDK 21 prints a warning about a dynamically loaded
 *       agent; {@code -XX:+EnableDynamicAgentLoading} silences it.
 * </ul>
 * The system property {@code lockstep.agent.exclude} lists more package or class-name prefixes,
 * separated by commas, that are never rewritten (besides {@code java.}, {@code jdk.},
 * {@code sun.}, {@code com.sun.}, {@code dev.lockstep.}, {@code net.bytebuddy.} and the test
 * frameworks'; see {@code docs/outside-world.md}). The system property
 * {@code lockstep.agent.excludeLoaders} lists class loaders, by {@linkplain ClassLoader#getName()
 * name} and separated by commas, whose classes are never rewritten, whatever their names (a
 * plugin's loader; a second copy of a library kept as it was compiled). Both are read once, when
 * the agent is installed: on the command line for {@code -javaagent}, before the first simulation
 * for a self-attach.
 *
 * <h2>Static state</h2>
 * The agent is installed once per JVM; {@link Installer} keeps the instrumentation and how it was
 * attached. Rewritten code holds no run state: it looks up the simulation of the calling thread
 * at each call.
 */
public final class LockstepAgent {
    private LockstepAgent() {
    }

    /** Called by the JVM for {@code -javaagent}. */
    public static void premain(String args, Instrumentation inst) {
        Installer.install(inst, "-javaagent");
    }

    /** Called by the JVM when the agent is loaded into a running JVM (self-attach). */
    public static void agentmain(String args, Instrumentation inst) {
        Installer.install(inst, "self-attached");
    }

    /**
     * Installs the agent into this JVM if it is not installed yet.
     *
     * @return {@code "-javaagent"} or {@code "self-attached"}, or why it could not attach
     */
    public static String attach() {
        return new SelfAttach().attach();
    }

    /** Whether the agent is installed in this JVM. */
    public static boolean isAttached() {
        return Installer.installed();
    }

    /** How the agent was attached ({@code "-javaagent"}, {@code "self-attached"}), or empty if it is not. */
    public static String attachedHow() {
        return Installer.how();
    }
}
