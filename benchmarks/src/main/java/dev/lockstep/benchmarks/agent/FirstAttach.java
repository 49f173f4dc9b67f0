package dev.lockstep.benchmarks.agent;

import dev.lockstep.agent.LockstepAgent;
import dev.lockstep.agent.internal.Installer;
import dev.lockstep.future.Futures;
import dev.lockstep.runtime.EscapePolicy;
import dev.lockstep.runtime.Simulation;
import java.lang.management.ManagementFactory;

/**
 * The child JVM of {@link AttachCost}: loads Lockstep and the application classes of the agent's
 * row as a test JVM has them before its first simulation (a simulation under {@code ALLOW}, which
 * does not attach, and {@code com.example.metered}), then times the JVM's first
 * {@link LockstepAgent#attach()} and prints one line:
 *
 * <pre>
 * first-attach &lt;how&gt; &lt;wall ns&gt; &lt;process CPU ns&gt; &lt;install ns&gt; &lt;classes retransformed&gt;
 * </pre>
 * Wall time is {@code System.nanoTime()} around the call; CPU time is the process's (every thread
 * of this JVM: the caller, the attach listener that runs the agent's {@code agentmain}, the JIT),
 * not that of the helper process Byte Buddy starts when the JVM may not attach to itself.
 */
public final class FirstAttach {
    private FirstAttach() {}

    public static void main(String[] args) throws ClassNotFoundException {
        if (LockstepAgent.isAttached()) {
            throw new IllegalStateException("the agent is attached already (" + LockstepAgent.attachedHow() + ")");
        }
        Simulation sim = Simulation.builder().escapes(EscapePolicy.ALLOW).build();
        sim.blockOn(Futures.join(sim.spawn("a", Futures.yieldNow()), sim.spawn("b", Futures.yieldNow())));
        Class.forName(AgentSides.WORKLOAD, true, FirstAttach.class.getClassLoader());
        if (LockstepAgent.isAttached()) {
            throw new IllegalStateException("loading the classes attached the agent (" + LockstepAgent.attachedHow() + ")");
        }
        long cpu0 = processCpuNanos();
        long wall0 = System.nanoTime();
        String how = LockstepAgent.attach();
        long wall = System.nanoTime() - wall0;
        long cpu = processCpuNanos() - cpu0;
        if (!LockstepAgent.isAttached()) {
            throw new IllegalStateException("the agent did not attach: " + how);
        }
        System.out.println("first-attach " + how + " " + wall + " " + cpu + " " + Installer.installNanos() + " "
                + Installer.retransformedClasses());
    }

    private static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        throw new IllegalStateException("this JVM does not report its process CPU time");
    }
}
