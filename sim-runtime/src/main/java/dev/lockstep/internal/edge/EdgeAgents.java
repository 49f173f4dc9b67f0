package dev.lockstep.internal.edge;

import java.util.Iterator;
import java.util.ServiceLoader;

/**
 * Finds the {@link EdgeAgent} on the class path, once per JVM, and attaches it.
 *
 * <h2>Static state</h2>
 * The service found (or its absence) is looked up once, the first time a simulation asks, and
 * never changes; attaching is the agent's own once-per-JVM act. Nothing else is kept.
 */
public final class EdgeAgents {
    private EdgeAgents() {
    }

    /**
     * Attaches the agent if {@code sim-agent} is on the class path; does nothing otherwise.
     *
     * @return how it is attached, why it is not, or {@code "absent"}
     */
    public static String attach() {
        EdgeAgent agent = Found.AGENT;
        return agent == null ? "absent" : agent.attach();
    }

    /** Whether the agent is on the class path and its rewritten call sites are active. */
    public static boolean attached() {
        EdgeAgent agent = Found.AGENT;
        return agent != null && agent.attached();
    }

    /** The JVM initializes this holder once, on first use. */
    private static final class Found {
        private static final EdgeAgent AGENT = find();

        private static EdgeAgent find() {
            Iterator<EdgeAgent> it = ServiceLoader.load(EdgeAgent.class, EdgeAgents.class.getClassLoader()).iterator();
            return it.hasNext() ? it.next() : null;
        }

        private Found() {
        }
    }
}
