/** Checks over Lockstep's public names as a whole: they must not collide with the libraries users import beside it. */
package dev.lockstep.names;
