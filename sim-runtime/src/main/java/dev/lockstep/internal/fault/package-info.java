/**
 * The executor's fault machinery that needs nothing of the executor but its handle: buggify sites.
 * No API promise.
 */
package dev.lockstep.internal.fault;
