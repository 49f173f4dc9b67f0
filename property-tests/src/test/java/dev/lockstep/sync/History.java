package dev.lockstep.sync;

import java.util.ArrayList;
import java.util.List;

/**
 * A concurrent history: each operation's invocation and response on one logical clock, recorded by
 * the tasks of a simulation as they call a primitive and get its answer.
 */
final class History {
    /** One operation: who, what, its argument and result, and its interval on the clock. */
    record Op(int id, String task, String kind, long arg, Object result, long invoke, long response) {
        @Override
        public String toString() {
            return task + ":" + kind + "(" + arg + ")=" + result + "@[" + invoke + "," + response + "]";
        }
    }

    private long clock;
    private final List<Op> ops = new ArrayList<>();

    /** Records an invocation; returns the operation's id, for {@link #respond}. */
    int invoke(String task, String kind, long arg) {
        ops.add(new Op(ops.size(), task, kind, arg, null, clock++, Long.MAX_VALUE));
        return ops.size() - 1;
    }

    /** Records the response of operation {@code id}. */
    void respond(int id, Object result) {
        Op o = ops.get(id);
        ops.set(id, new Op(o.id(), o.task(), o.kind(), o.arg(), result, o.invoke(), clock++));
    }

    /** The operations, all answered. */
    List<Op> ops() {
        for (Op o : ops) {
            if (o.response() == Long.MAX_VALUE) {
                throw new IllegalStateException("operation without a response: " + o);
            }
        }
        return List.copyOf(ops);
    }
}
