/**
 * Choices and replay strings: every nondeterministic decision of a run is drawn from one
 * {@link dev.lockstep.choice.ChoiceSource} and recorded, so the run prints as a replay string
 * ({@link dev.lockstep.choice.Choices}) that reproduces it.
 * <p>Invariants: choice 0 is always the plain outcome (FIFO, no fault, least latency); a replay source
 * answers its recorded values and then 0 forever; a malformed string is rejected with a message saying
 * what is wrong.
 */
package dev.lockstep.choice;
