package dev.lockstep.internal.generator;

import dev.lockstep.future.RuntimeHandle;

/**
 * A {@link Generator} over a {@code jdk.internal.vm.Continuation} (see
 * {@link ContinuationBackend}). The body runs on the resumer's thread; {@link #suspend} unmounts
 * its frames and returns to the {@code resume} that ran it.
 *
 * <p>Each generator has a continuation scope of its own, so a suspend yields exactly this body,
 * even when it runs nested inside another generator's body (an async body awaiting another).
 *
 * <h2>Errors</h2>
 * A continuation cannot suspend while its body has a native frame on its stack, nor, before JDK 24
 * (JEP 491), while it holds a monitor ({@code synchronized}); {@link #suspend} then throws
 * {@link IllegalStateException} saying so, into the body, and the body goes on running.
 */
final class ContinuationGenerator implements Generator {
    private final ContinuationBackend backend;
    private final String name;
    private final Runnable body;
    /** The continuation's scope; created with the continuation, at the first resume. */
    private Object scope;
    /** The continuation; null before the first resume. */
    private Object continuation;
    /** Whether the body is running (inside {@link #resume}). */
    private boolean running;
    /** The thread running the body while {@link #running}. */
    private Thread runner;
    /** Whether the body has ended: set by the body's last act, so the continuation is done with it. */
    private boolean done;
    /** What escaped the body, rethrown by the resume in which it escaped. */
    private Throwable escaped;

    ContinuationGenerator(ContinuationBackend backend, String name, Runnable body) {
        this.backend = backend;
        this.name = name;
        this.body = body;
    }

    @Override
    public boolean resume(RuntimeHandle runtime) {
        if (done) {
            throw new IllegalStateException("generator '" + name + "' resumed after its body ended");
        }
        if (running) {
            throw new IllegalStateException("generator '" + name + "' resumed while its body is running"
                    + " (from thread '" + Thread.currentThread().getName() + "')");
        }
        if (continuation == null) {
            scope = backend.newScope("lockstep-async");
            continuation = backend.newContinuation(scope, this::runBody);
        }
        running = true;
        runner = Thread.currentThread();
        try {
            backend.run(continuation);
        } finally {
            running = false;
            runner = null;
        }
        if (done) {
            continuation = null;
            scope = null;
        }
        if (escaped != null) {
            Throwable e = escaped;
            escaped = null;
            throw new IllegalStateException("the body of generator '" + name + "' threw " + e, e);
        }
        return done;
    }

    @Override
    public void suspend() {
        if (!running || Thread.currentThread() != runner) {
            throw new IllegalStateException("suspend() of generator '" + name + "' called from thread '"
                    + Thread.currentThread().getName() + "', not from its running body");
        }
        try {
            backend.yield(scope);
        } catch (IllegalStateException e) {
            String why = String.valueOf(e.getMessage());
            if (why.startsWith("Pinned")) {
                throw new IllegalStateException("the async body '" + name + "' cannot suspend here: its stack"
                        + " holds a monitor (a synchronized block or method) or a native frame (" + why + ")."
                        + " The Continuation backend cannot suspend there; move the await out of the"
                        + " synchronized block, or use a java.util.concurrent lock", e);
            }
            throw e;
        }
    }

    @Override
    public boolean isDone() {
        return done;
    }

    @Override
    public String backend() {
        return ContinuationBackend.NAME;
    }

    private void runBody() {
        try {
            body.run();
        } catch (Throwable e) {
            escaped = e;
        } finally {
            done = true;
        }
    }

    @Override
    public String toString() {
        return "ContinuationGenerator[" + name + (done ? ", done" : running ? ", running" : ", suspended") + "]";
    }
}
