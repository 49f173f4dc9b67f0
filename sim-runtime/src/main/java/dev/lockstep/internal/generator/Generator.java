package dev.lockstep.internal.generator;

import dev.lockstep.future.RuntimeHandle;

/**
 * A body of code that can stop in the middle and be continued later: the machinery under
 * {@code Async.async}. Users never see it.
 *
 * <p>The body is a {@link Runnable} that calls {@link #suspend()} wherever it must wait; the
 * owner calls {@link #resume(RuntimeHandle)} to run it until the next {@code suspend} or its end.
 * Exactly one side runs at any time: while the body runs, {@code resume} does not return; while
 * {@code resume} is not running, the body does not run.
 *
 * <h2>States</h2>
 * <pre>
 *   NEW --resume--> RUNNING --suspend--> SUSPENDED --resume--> RUNNING ... --body returns--> DONE
 * </pre>
 * A new generator holds no thread and no stack: nothing starts until the first {@code resume}.
 *
 * <h2>Returns</h2>
 * {@link #resume} returns {@code true} when the body has ended (returned or thrown), {@code false}
 * when it suspended.
 *
 * <h2>Threads</h2>
 * {@code resume} runs the body on the caller's thread (the {@code Continuation} backend) or on a
 * virtual thread of the generator's own while the caller waits (the thread backend). Either way
 * the body counts as the runtime's own thread while it runs: the thread backend passes the
 * runtime's baton ({@link RuntimeHandle#passBaton}) to its virtual thread, and the body passes
 * it back when it suspends or ends, before {@code resume} returns.
 *
 * <h2>Errors</h2>
 * The body should catch what it throws; a {@link Throwable} that escapes it is rethrown from the
 * {@code resume} in which it escaped. {@code resume} of a finished generator, or while it is
 * already running, and {@code suspend} from outside the running body throw
 * {@link IllegalStateException}.
 */
public interface Generator {

    /**
     * Runs the body until it suspends or ends.
     *
     * @param runtime the runtime whose thread the body acts as while it runs
     * @return {@code true} if the body has ended, {@code false} if it suspended
     */
    boolean resume(RuntimeHandle runtime);

    /**
     * Called by the body: stops it here until the next {@link #resume}, which continues it by
     * returning from this call.
     *
     * @throws IllegalStateException if called from outside the running body, or where the backend
     *     cannot suspend (the {@code Continuation} backend inside {@code synchronized}, before JDK 24)
     */
    void suspend();

    /** Whether the body has ended. */
    boolean isDone();

    /** The backend's name: {@code "continuation"} or {@code "thread"}. */
    String backend();
}
