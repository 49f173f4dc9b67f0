/** sim-runtime's tests that this module runs again with the agent attached. */
package dev.lockstep.runtime;
