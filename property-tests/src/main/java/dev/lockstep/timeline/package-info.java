/**
 * The HTML timeline of a run: one self-contained page with a lane per task grouped by host, polls,
 * wakes and messages on a virtual-time axis, faults highlighted. Every user string is escaped.
 */
package dev.lockstep.timeline;
