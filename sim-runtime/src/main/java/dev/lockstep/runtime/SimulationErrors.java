package dev.lockstep.runtime;

import dev.lockstep.internal.exec.Errors;
import java.util.ArrayList;
import java.util.List;

/** The public errors of this package, built for the executor's parts ({@link Errors}). Stateless. */
final class SimulationErrors implements Errors {
    static final SimulationErrors INSTANCE = new SimulationErrors();

    private SimulationErrors() {}

    @Override
    public RuntimeException stepLimit(String message, long step, long nanos, String replay) {
        return new StepLimitException(message, step, nanos, replay);
    }

    @Override
    public RuntimeException livelock(String message, List<String> tasks, long step, long nanos, String replay) {
        return new LivelockException(message, tasks, step, nanos, replay);
    }

    @Override
    public RuntimeException deadlock(String message, List<Blocked> blocked, long step, long nanos, String replay,
            Throwable cause) {
        List<DeadlockException.BlockedTask> tasks = new ArrayList<>(blocked.size());
        for (Blocked b : blocked) {
            tasks.add(new DeadlockException.BlockedTask(b.id(), b.name(), b.lastPendingStep(), b.lastPendingNanos(),
                    b.lostWakeup(), b.wakerHolder(), b.staleWaker()));
        }
        return new DeadlockException(message, tasks, step, nanos, replay, cause);
    }

    @Override
    public RuntimeException taskFailed(String message, String task, int taskId, long step, long nanos, String replay,
            Throwable cause) {
        return new TaskFailedException(message, task, taskId, step, nanos, replay, cause);
    }

    @Override
    public RuntimeException taskAborted(String message, String task, long step, long nanos, String replay) {
        return new TaskAbortedException(message, task, step, nanos, replay);
    }

    @Override
    public RuntimeException nondeterminism(String message, long step, long nanos, String replay, Throwable cause) {
        return new NondeterminismException(message, step, nanos, replay, cause);
    }

    @Override
    public RuntimeException escape(String message, String call, String site, String task, long step, long nanos,
            String replay) {
        return new EscapeException(message, call, site, task, step, nanos, replay);
    }

    @Override
    public RuntimeException notFused(String message, String task, int taskId, long step, long nanos, String replay,
            Throwable cause) {
        return new ContractViolationException(ContractViolationException.Kind.NOT_FUSED, message, task, taskId, step,
                nanos, replay, cause);
    }

    @Override
    public RuntimeException pinViolation(String message, String task, int taskId, long step, long nanos,
            String replay, Throwable cause) {
        return new ContractViolationException(ContractViolationException.Kind.PIN_VIOLATION, message, task, taskId,
                step, nanos, replay, cause);
    }

    @Override
    public boolean isContractViolation(Throwable e) {
        return e instanceof ContractViolationException;
    }
}
