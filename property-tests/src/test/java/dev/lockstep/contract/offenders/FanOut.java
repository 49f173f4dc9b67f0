package dev.lockstep.contract.offenders;

import dev.lockstep.contract.FutureContract;
import dev.lockstep.future.Cancellable;
import dev.lockstep.future.Context;
import dev.lockstep.future.Future;
import dev.lockstep.future.Futures;
import dev.lockstep.future.JoinHandle;
import dev.lockstep.future.Poll;
import dev.lockstep.future.Waker;
import java.util.ArrayList;
import java.util.List;

/**
 * A future that sends a request to each of several replicas concurrently (a task each) and
 * completes with their answers joined by commas, in replica order.
 *
 * <p>The bug (RESULT_MISMATCH): answers are appended in the order they arrive, which is the order
 * the scheduler ran the fetch tasks, and the result assumes it is the replica order. The fixed twin
 * stores each answer at its replica's index.
 */
public final class FanOut implements Future<String>, Cancellable {
    private final List<String> replicas;
    private final boolean fixed;
    private final String[] answers;
    private final List<String> arrived = new ArrayList<>();
    private final List<JoinHandle<Boolean>> fetches = new ArrayList<>();
    private int pending;
    private Waker waker;

    FanOut(List<String> replicas, boolean fixed) {
        this.replicas = List.copyOf(replicas);
        this.fixed = fixed;
        this.answers = new String[replicas.size()];
    }

    /** The check: three replicas answer with their names; the result is "a,b,c". */
    public static FutureContract<String> contract(boolean fixed) {
        return FutureContract.of(() -> new FanOut(List.of("a", "b", "c"), fixed)).name("fan-out").expect("a,b,c");
    }

    @Override
    public Poll<String> poll(Context cx) {
        if (fetches.isEmpty()) {
            pending = replicas.size();
            for (int i = 0; i < replicas.size(); i++) {
                int index = i;
                fetches.add(cx.runtime().spawn("fetch-" + replicas.get(i),
                        Futures.yieldNow().map(v -> answer(index, replicas.get(index)))));
            }
        }
        if (pending == 0) {
            return Poll.ready(String.join(",", fixed ? List.of(answers) : arrived));
        }
        waker = cx.waker();
        return Poll.pending();
    }

    private boolean answer(int index, String value) {
        answers[index] = value;
        arrived.add(value);
        pending--;
        if (pending == 0 && waker != null) {
            waker.wake();
        }
        return true;
    }

    @Override
    public void cancel() {
        waker = null;
        fetches.forEach(JoinHandle::abort);
    }
}
