package dev.lockstep.internal.edge;

/**
 * A future whose completion comes from outside Lockstep's futures: an {@code Interop} adapter over
 * a {@code CompletionStage} or a {@code ListenableFuture}. The deadlock diagnosis looks for one
 * that is still pending under a blocked task: nothing in the simulation will complete it, so
 * most likely a real thread (such as the common pool) was meant to.
 */
public interface ExternalSource {

    /** What the source is ({@code "CompletionStage"}, {@code "ListenableFuture"}) while it is not complete; else null. */
    String pendingSource();
}
