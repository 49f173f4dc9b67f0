package dev.lockstep.io.sim;

import dev.lockstep.fault.FaultKind;
import dev.lockstep.future.Future;
import dev.lockstep.future.RuntimeHandle;
import dev.lockstep.io.fs.FileSource;
import dev.lockstep.io.fs.FileSystem;
import dev.lockstep.io.fs.OpenOption;
import dev.lockstep.io.fs.StorageException;
import dev.lockstep.io.fs.StorageException.Kind;
import dev.lockstep.io.fs.StoragePaths;
import dev.lockstep.io.sim.DiskOp.Access;
import dev.lockstep.runtime.Simulation;
import dev.lockstep.trace.TraceEvent;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Simulated storage: a {@link SimDisk} per host, installed on a simulation as its
 * {@link FileSystem}, so {@code Storage.open(..)} in a host's task reaches that host's disk.
 *
 * <p>Installed over a {@link SimNetwork} ({@link #install(SimNetwork)}), a crash of a host is a
 * power loss of its disk (before its tasks are cancelled, so nothing they do while unwinding
 * reaches the disk), the disk stays down until the host restarts, and what was synced is there
 * again for the new incarnation. A {@linkplain SimNetwork#kill kill} of the host's process loses
 * nothing (the cache outlives the process) but closes the handles it had open, and the disk is
 * out of reach until the restart as well. Installed over a bare simulation ({@link #install(Simulation)}),
 * there is one disk, of host {@code ""}, and {@link SimDisk#powerLoss()} is the crash.
 *
 * <h2>Determinism</h2>
 * Every latency, fault and crash outcome is drawn from the run's choices; every operation is a
 * {@code disk-*} trace event. See {@link SimDisk} for the durability model.
 */
public final class SimStorage implements FileSystem {
    private final Simulation sim;
    private final DiskConfig defaults;
    private final Map<String, SimDisk> disks = new TreeMap<>();

    private SimStorage(Simulation sim, DiskConfig defaults) {
        this.sim = sim;
        this.defaults = defaults;
    }

    /** Disks with {@link DiskConfig#DEFAULT} for the hosts of {@code net}, crashed with them. */
    public static SimStorage install(SimNetwork net) {
        return install(net, DiskConfig.DEFAULT);
    }

    /** Disks with {@code config} for the hosts of {@code net}, crashed with them. */
    public static SimStorage install(SimNetwork net, DiskConfig config) {
        SimStorage s = install(net.simulation(), config);
        net.onCrash(host -> s.disk(host).hostCrashed());
        net.onKill(host -> s.disk(host).processKilled());
        net.onRestart(host -> s.disk(host).hostRestarted());
        return s;
    }

    /** One disk with {@link DiskConfig#DEFAULT} for a simulation without a network. */
    public static SimStorage install(Simulation sim) {
        return install(sim, DiskConfig.DEFAULT);
    }

    /**
     * Storage with {@code config} as every disk's, installed as {@code sim}'s {@link FileSystem}.
     *
     * @throws IllegalStateException if {@code sim} already has a file system
     */
    public static SimStorage install(Simulation sim, DiskConfig config) {
        SimStorage s = new SimStorage(Objects.requireNonNull(sim, "sim"), Objects.requireNonNull(config, "config"));
        sim.install(FileSystem.class, s);
        return s;
    }

    /** The disk of {@code host} ({@code ""}: the simulation's own), made on first use. */
    public SimDisk disk(String host) {
        return disks.computeIfAbsent(Objects.requireNonNull(host, "host"), h -> new SimDisk(this, h, defaults));
    }

    /** Every disk made so far, by host name. */
    public List<SimDisk> disks() {
        return List.copyOf(disks.values());
    }

    // ---------------------------------------------------------------- FileSystem

    @Override
    public Future<FileSource> open(String path, Set<OpenOption> options) {
        SimDisk d = currentDisk();
        return new DiskOp<>(d, "open", path, Access.NONE, rt -> {
            boolean readOnly = options.contains(OpenOption.READ_ONLY);
            if (readOnly && options.contains(OpenOption.TRUNCATE_EXISTING)) {
                throw new StorageException(Kind.READ_ONLY, "open: TRUNCATE_EXISTING with READ_ONLY", path, d.host(), rt,
                        null);
            }
            if (d.isDirectory(path)) {
                throw new StorageException(Kind.FILE_EXISTS, "open: a folder has this path", path, d.host(), rt, null);
            }
            SimInode inode = d.file(path);
            boolean create = options.contains(OpenOption.CREATE) || options.contains(OpenOption.CREATE_NEW);
            if (inode != null && options.contains(OpenOption.CREATE_NEW)) {
                throw new StorageException(Kind.FILE_EXISTS, "open CREATE_NEW: the file exists", path, d.host(), rt, null);
            }
            if (inode == null) {
                if (!create) {
                    throw new StorageException(Kind.NO_SUCH_FILE, "open: no such file (open with CREATE to make it)",
                            path, d.host(), rt, null);
                }
                requireFolder(d, rt, "open", StoragePaths.parent(path), path);
                inode = d.create(path);
                trace(rt, d.host(), path, "disk-create", 0, "");
            }
            if (options.contains(OpenOption.TRUNCATE_EXISTING) && inode.size() > 0) {
                inode.truncate(0);
                trace(rt, d.host(), path, "disk-truncate", 0, "to 0 (open)");
            }
            return new SimFileSource(d, path, inode, readOnly);
        });
    }

    @Override
    public Future<Void> rename(String from, String to) {
        SimDisk d = currentDisk();
        return new DiskOp<>(d, "rename", from, Access.NONE, rt -> {
            if (d.file(from) == null) {
                throw new StorageException(Kind.NO_SUCH_FILE, "rename to " + to + ": no such file", from, d.host(), rt,
                        null);
            }
            requireFolder(d, rt, "rename", StoragePaths.parent(to), to);
            if (d.isDirectory(to)) {
                throw new StorageException(Kind.FILE_EXISTS, "rename from " + from + ": a folder has the target path",
                        to, d.host(), rt, null);
            }
            d.rename(from, to);
            trace(rt, d.host(), from, "disk-rename", 0, "to " + to);
            return null;
        });
    }

    @Override
    public Future<Void> delete(String path) {
        SimDisk d = currentDisk();
        return new DiskOp<>(d, "delete", path, Access.NONE, rt -> {
            if (d.file(path) == null) {
                throw new StorageException(Kind.NO_SUCH_FILE, "delete: no such file", path, d.host(), rt, null);
            }
            d.delete(path);
            trace(rt, d.host(), path, "disk-delete", 0, "");
            return null;
        });
    }

    @Override
    public Future<Boolean> exists(String path) {
        SimDisk d = currentDisk();
        return new DiskOp<>(d, "exists", path, Access.NONE, rt -> d.exists(path));
    }

    @Override
    public Future<List<String>> list(String dir) {
        SimDisk d = currentDisk();
        return new DiskOp<>(d, "list", dir, Access.NONE, rt -> {
            requireFolder(d, rt, "list", dir, dir);
            return d.list(dir);
        });
    }

    @Override
    public Future<Void> createDirectories(String dir) {
        SimDisk d = currentDisk();
        return new DiskOp<>(d, "createDirectories", dir, Access.NONE, rt -> {
            String sofar = "";
            for (String segment : dir.isEmpty() ? new String[0] : dir.split("/")) {
                sofar = sofar.isEmpty() ? segment : sofar + "/" + segment;
                if (d.file(sofar) != null) {
                    throw new StorageException(Kind.FILE_EXISTS, "createDirectories: a file has this path", sofar,
                            d.host(), rt, null);
                }
                if (!d.isDirectory(sofar)) {
                    d.mkdir(sofar);
                    trace(rt, d.host(), sofar, "disk-mkdir", 0, "");
                }
            }
            return null;
        });
    }

    @Override
    public Future<Void> syncDirectory(String dir) {
        SimDisk d = currentDisk();
        return new DiskOp<>(d, "syncDirectory", dir, Access.WRITE, rt -> {
            requireFolder(d, rt, "syncDirectory", dir, dir);
            int made = d.syncDirectory(dir);
            trace(rt, d.host(), dir, "disk-syncdir", 0, made + " name change(s) made durable");
            return null;
        });
    }

    @Override
    public String toString() {
        return "SimStorage" + disks.values();
    }

    // ---------------------------------------------------------------- package-private

    RuntimeHandle runtime() {
        return sim.handle();
    }

    /** The run's fault plan's {@code disk-error} probability (0 when the plan does not enable it). */
    double planErrorRate() {
        return sim.faultPlan().probability(FaultKind.DISK_ERROR);
    }

    void trace(String host, String path, String kind, int bytes, String detail) {
        trace(sim.handle(), host, path, kind, bytes, detail);
    }

    /**
     * Records a disk event as a {@code Net} event of {@code host} with no peer (so the timeline
     * draws it on the host's lane), the path leading its detail.
     */
    static void trace(RuntimeHandle rt, String host, String path, String kind, int bytes, String detail) {
        String where = path.isEmpty() ? "/" : path;
        rt.trace(new TraceEvent.Net(rt.step(), rt.nanos(), host, "", kind, bytes,
                detail.isEmpty() ? where : where + ": " + detail));
    }

    private SimDisk currentDisk() {
        return disk(sim.handle().currentHost());
    }

    private static void requireFolder(SimDisk d, RuntimeHandle rt, String op, String folder, String path) {
        if (!d.isDirectory(folder)) {
            throw new StorageException(Kind.NO_SUCH_FILE, op + ": folder '" + folder + "' does not exist"
                    + " (Storage.createDirectories makes it)", path, d.host(), rt, null);
        }
    }

}
