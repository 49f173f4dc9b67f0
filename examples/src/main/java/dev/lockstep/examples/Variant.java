package dev.lockstep.examples;

/** Which twin of a scenario to run: the one with the planted bug, or its fix. */
public enum Variant {
    /** The version with the planted bug. */
    BUGGY,
    /** The fixed twin, which must survive every run. */
    FIXED
}
