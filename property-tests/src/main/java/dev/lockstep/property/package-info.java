/**
 * The property engine: runs a property over many seeded runs, shrinks a failing run's choices to a
 * minimal schedule ({@code Shrinker}), and reports it with its replay string; failing strings are kept in
 * a failure store and run first next time; the seed space splits across CI jobs ({@code Shard}).
 */
package dev.lockstep.property;
