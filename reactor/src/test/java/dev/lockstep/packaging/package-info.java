/** Checks over how the modules are published: the BOM, module names, attached jars. */
package dev.lockstep.packaging;
