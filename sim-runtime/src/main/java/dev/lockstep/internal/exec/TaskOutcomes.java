package dev.lockstep.internal.exec;

import java.util.ArrayList;
import java.util.List;

/**
 * Where the outcome of a finished task goes: the value or exception of {@code blockOn}'s root task,
 * and failures of spawned tasks that nobody awaited.
 *
 * <h2>Errors</h2>
 * A spawned task that failed is remembered until its {@link JoinHandle} is polled; at the end of
 * {@code blockOn}, the first failure nobody saw is thrown as a {@code TaskFailedException} (later
 * ones attached as suppressed), so a crash in a background task cannot pass silently. The root
 * task's own exception is rethrown unchanged when unchecked.
 */
public final class TaskOutcomes {
    private final Kernel sim;
    /** Failed spawned tasks whose handle has not been awaited yet, in failure order. */
    private final List<Task> unobserved = new ArrayList<>();

    TaskOutcomes(Kernel sim) {
        this.sim = sim;
    }

    /** Remembers a failed spawned task until its handle is awaited. */
    void failed(Task t) {
        unobserved.add(t);
    }

    /** The exception an awaiter of failed task {@code t} sees; {@code t} counts as observed. */
    RuntimeException taskFailure(Task t, String message) {
        unobserved.remove(t);
        return sim.errors().taskFailed(message, t.name, t.id, t.doneStep, t.doneNanos, sim.replayString(), t.failure);
    }

    /** Throws the first failure of a spawned task that nobody awaited, if any. */
    public void throwUnobservedFailures() {
        unobserved.removeIf(t -> t.observed);
        if (unobserved.isEmpty()) {
            return;
        }
        Task first = unobserved.get(0);
        RuntimeException e = sim.errors().taskFailed("task " + first + " failed and nobody awaited its"
                + " JoinHandle: " + first.failure + (unobserved.size() > 1 ? " (and " + (unobserved.size() - 1)
                + " more failed tasks, attached as suppressed)" : ""), first.name, first.id, first.doneStep,
                first.doneNanos, sim.replayString(), first.failure);
        for (Task t : new ArrayList<>(unobserved.subList(1, unobserved.size()))) {
            e.addSuppressed(taskFailure(t, "task " + t + " also failed: " + t.failure));
        }
        unobserved.clear();
        throw e;
    }

    /** Failed spawned tasks nobody has awaited yet, in failure order. */
    List<Task> unobserved() {
        unobserved.removeIf(t -> t.observed);
        return List.copyOf(unobserved);
    }

    /** Attaches every unobserved task failure to {@code failure} (a run that ended otherwise), and forgets them. */
    void attachUnobserved(RuntimeException failure) {
        for (Task t : unobserved()) {
            failure.addSuppressed(taskFailure(t, "task " + t + " had failed earlier and nobody awaited it: " + t.failure));
        }
        unobserved.clear();
    }

    /** The value of the finished root task, or its failure thrown. */
    @SuppressWarnings("unchecked")
    public <T> T rootResult(Task root) {
        switch (root.outcome) {
            case OK -> {
                return (T) root.result;
            }
            case FAILED -> {
                Throwable f = root.failure;
                if (f instanceof RuntimeException r) {
                    throw r;
                }
                if (f instanceof Error err) {
                    // Thrown as it is, so it stays catchable by its type (an AssertionError is still
                    // one), with where it happened attached as a suppressed exception.
                    if (!(err instanceof OutOfMemoryError)) {
                        err.addSuppressed(sim.errors().taskFailed("where: blockOn's future, task " + root + ", threw "
                                + err.getClass().getName(), root.name, root.id, root.doneStep, root.doneNanos,
                                sim.replayString(), null));
                    }
                    throw err;
                }
                throw sim.errors().taskFailed("blockOn's future threw " + f, root.name, root.id, root.doneStep,
                        root.doneNanos, sim.replayString(), f);
            }
            default -> throw sim.errors().taskAborted("blockOn's future was aborted", root.name, root.doneStep,
                    root.doneNanos, sim.replayString());
        }
    }
}
