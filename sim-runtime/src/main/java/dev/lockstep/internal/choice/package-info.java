/**
 * Choice sources the runtime builds for itself: {@link dev.lockstep.internal.choice.SwarmChoices}
 * (the generators a swarm run draws its plan and its plain-or-faults coin from) and
 * {@link dev.lockstep.internal.choice.SearchChoices} (the prefix-forcing source of the bounded
 * exhaustive search). Users reach them only through {@code FaultPlan.swarm()} and
 * {@code search = "dfs"}.
 *
 * <p>Invariants: both are deterministic functions of their seed or prefix; neither reads real time
 * or randomness.
 */
package dev.lockstep.internal.choice;
