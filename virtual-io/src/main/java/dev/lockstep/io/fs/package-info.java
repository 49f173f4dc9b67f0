/**
 * Files, the way user code writes against them in simulation and in production: {@link
 * dev.lockstep.io.fs.Storage} opens, renames, deletes and lists; a {@link dev.lockstep.io.fs.FileHandle}
 * reads, writes, appends, syncs, truncates and closes. Every operation that touches the disk is a
 * future.
 *
 * <p>Backends: {@code dev.lockstep.io.sim.SimStorage} gives each simulated host a disk whose
 * unsynced writes a crash may keep, lose or tear (the durability model is on
 * {@code dev.lockstep.io.sim.SimDisk}); {@code dev.lockstep.io.nio.RealFileSystem} runs the same
 * futures over {@code FileChannel} under a root folder on the real file system.
 *
 * <p>Durability, on both backends: data written is durable once {@link
 * dev.lockstep.io.fs.FileHandle#sync()} completes; a create, rename or delete is durable once {@link
 * dev.lockstep.io.fs.Storage#syncDirectory(String)} of its folder completes (POSIX {@code fsync} of
 * the file and of the directory).
 */
package dev.lockstep.io.fs;
