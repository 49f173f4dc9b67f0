package dev.lockstep.future;

import dev.lockstep.internal.future.Stage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * {@link Futures#joinAll(List)}: waits for every future and completes with their values in input
 * order.
 *
 * <p>Each poll polls every child that has not completed, in input order, with the poll's own
 * context; a completed child is dropped and never polled again. This costs a poll of every
 * pending child per wake; {@code TaskSet} polls only the children that were woken. If a child
 * throws, every other incomplete child is cancelled and the exception propagates. An empty list
 * completes on the first poll with an empty list.
 */
final class JoinAllFuture<T> implements Future<List<T>>, Cancellable {
    /** Child {@code i} until it completes; then {@code null} and its value is {@code values[i]}. */
    private final List<Future<? extends T>> children;
    /** Values of completed children, by input index; {@code null} again after completion. */
    private Object[] values;
    /** How many children have not completed. */
    private int remaining;
    private Stage stage = Stage.RUNNING;

    JoinAllFuture(List<Future<? extends T>> children) {
        this.children = children;
        this.values = new Object[children.size()];
        this.remaining = children.size();
    }

    @Override
    public Poll<List<T>> poll(Context cx) {
        if (!stage.isPollable()) {
            throw stage.misuse("joinAll", cx.runtime().describe());
        }
        for (int i = 0; i < children.size(); i++) {
            Future<? extends T> child = children.get(i);
            if (child == null) {
                continue;
            }
            child = cx.runtime().beforeInnerPoll(child);
            children.set(i, child);
            Poll<? extends T> p;
            try {
                p = child.poll(cx);
            } catch (Throwable t) {
                children.set(i, null);
                fail(t);
                throw t;
            }
            if (p instanceof Poll.Ready<? extends T> ready) {
                values[i] = ready.value();
                cx.runtime().afterInnerReady(child);
                children.set(i, null);
                remaining--;
            }
        }
        if (remaining > 0) {
            return Poll.pending();
        }
        @SuppressWarnings("unchecked")
        List<T> out = (List<T>) Collections.unmodifiableList(new ArrayList<>(Arrays.asList(values)));
        values = null;
        stage = Stage.COMPLETED;
        return Poll.ready(out);
    }

    @Override
    public void cancel() {
        if (stage == Stage.RUNNING) {
            List<Future<? extends T>> held = drop(Stage.CANCELLED);
            held.forEach(Futures::cancel);
        }
    }

    /** A child threw (and was dropped): cancel the others still held, and complete. */
    private void fail(Throwable failure) {
        for (Future<? extends T> child : drop(Stage.COMPLETED)) {
            Futures.cancelAfterFailure(failure, child);
        }
    }

    /** Drops every child and value; returns the children that were still held, in input order. */
    private List<Future<? extends T>> drop(Stage next) {
        List<Future<? extends T>> held = new ArrayList<>();
        for (int i = 0; i < children.size(); i++) {
            if (children.get(i) != null) {
                held.add(children.get(i));
                children.set(i, null);
            }
        }
        values = null;
        stage = next;
        return held;
    }

    @Override
    public String toString() {
        return "joinAll(" + remaining + " of " + children.size() + " pending, " + stage + ")";
    }
}
