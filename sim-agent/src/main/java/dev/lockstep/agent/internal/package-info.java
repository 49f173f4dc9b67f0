/**
 * The agent's parts: the class-file transformer and its rewrite rules, the registry of rewritten
 * call sites, and the handlers that rewritten call sites invoke, which decide per call whether
 * the calling thread runs a simulation and what to do. Rewritten code calls the public static
 * methods here; nothing else should.
 */
package dev.lockstep.agent.internal;
