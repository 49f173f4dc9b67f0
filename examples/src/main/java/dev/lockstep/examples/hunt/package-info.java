/**
 * The {@code hunt} command line: runs a scenario over many seeds on all cores, reports the lowest
 * failing run shrunk, with its replay string and the command that replays it.
 */
package dev.lockstep.examples.hunt;
