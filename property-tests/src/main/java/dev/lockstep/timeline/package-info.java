/**
 * The HTML timeline of a run: one self-contained page with a lane per task grouped by host, polls,
 * wakes, messages and the spans a task was runnable or pending on a virtual-time axis (idle gaps
 * folded, or ordered by step), faults highlighted, the task the failure names marked; and the same
 * run as Chrome trace-event JSON for Perfetto UI. Every user string is escaped.
 */
package dev.lockstep.timeline;
