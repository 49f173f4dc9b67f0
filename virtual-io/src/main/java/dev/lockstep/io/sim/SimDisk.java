package dev.lockstep.io.sim;

import dev.lockstep.choice.ChoiceSource;
import dev.lockstep.io.fs.StoragePaths;
import dev.lockstep.io.sim.SimInode.Truncate;
import dev.lockstep.io.sim.SimInode.Write;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The disk of one simulated host.
 *
 * <h2>Durability model</h2>
 * <ul>
 *   <li>Written data sits in a volatile cache until {@code sync()} of its file completes; then it
 *       is durable. A read always sees the latest write (cache included).
 *   <li>A create, rename or delete sits in the cache until {@code syncDirectory} of its folder
 *       completes (for a rename, of either folder); then it is durable. A folder's creation is a
 *       name in its parent: until that is durable too, so is nothing in the folder (a crash that
 *       loses the folder loses what is in it).
 *   <li>On a crash of the host ({@code SimNetwork.crash}) or {@link #powerLoss()}, each unsynced
 *       change is resolved by recorded choices: the unsynced creates, renames and deletes survive as
 *       a prefix, in the order they were made (a journaled file system), the number lost at the end
 *       drawn from {@code [0, n]}; then, file by file in path order, each unsynced write is kept
 *       (choice 0), lost (1) or torn (2: a drawn number of its leading sectors kept, the rest lost),
 *       and each unsynced truncate is kept (0) or lost (1). Choice 0 everywhere is the plain outcome:
 *       nothing lost, as after a process crash on a healthy kernel.
 *   <li>Synced data and synced names survive every crash and {@code restart}.
 *   <li>Handles opened before a crash are dead: their operations fail with {@code CRASHED}. While
 *       the host is down, nothing of it reaches the disk.
 *   <li>A kill of the host's process ({@code SimNetwork.kill}) loses nothing: every write stays,
 *       synced or not, as the kernel's page cache outlives a process. Handles opened before it
 *       are dead, and nothing reaches the disk until the host restarts.
 * </ul>
 *
 * <h2>Determinism</h2>
 * Files and folders are kept in sorted maps; every decision is a choice of the run, and every
 * operation, fault and crash outcome is a {@code disk-*} trace event ({@code Net} events of the disk's
 * host with no peer; the detail starts with the path).
 */
public final class SimDisk {
    /** A change of names not yet made durable by {@code syncDirectory}. */
    private sealed interface MetaOp permits Create, Delete, Rename, Mkdir {}

    private record Create(String path, SimInode inode) implements MetaOp {}

    private record Delete(String path) implements MetaOp {}

    private record Rename(String from, String to, SimInode inode) implements MetaOp {}

    private record Mkdir(String path) implements MetaOp {}

    private final SimStorage storage;
    private final String host;
    private DiskConfig config;
    private final TreeMap<String, SimInode> files = new TreeMap<>();
    private final TreeSet<String> dirs = new TreeSet<>();
    private final TreeMap<String, SimInode> durableFiles = new TreeMap<>();
    private final TreeSet<String> durableDirs = new TreeSet<>();
    private final List<MetaOp> pendingMeta = new ArrayList<>();
    /** Bumped by every crash and kill: handles of an older generation are dead. */
    private int generation;
    private boolean up = true;

    SimDisk(SimStorage storage, String host, DiskConfig config) {
        this.storage = storage;
        this.host = host;
        this.config = config;
        dirs.add("");
        durableDirs.add("");
    }

    /** The host it belongs to ({@code ""}: the simulation's own disk, when there is no network). */
    public String host() {
        return host;
    }

    /** How it behaves. */
    public DiskConfig config() {
        return config;
    }

    /** Changes how it behaves from now on. */
    public void configure(DiskConfig config) {
        this.config = java.util.Objects.requireNonNull(config, "config");
    }

    /** The paths of its files as reads see them, sorted. */
    public List<String> files() {
        return List.copyOf(files.keySet());
    }

    /** The paths of its files that would survive any crash now (synced names in synced folders), sorted. */
    public List<String> durableFiles() {
        List<String> out = new ArrayList<>();
        for (String path : durableFiles.keySet()) {
            if (isDurableFolder(StoragePaths.parent(path))) {
                out.add(path);
            }
        }
        return List.copyOf(out);
    }

    /** Bytes in files as reads see them. */
    public long usedBytes() {
        long sum = 0;
        for (SimInode i : files.values()) {
            sum += i.size();
        }
        return sum;
    }

    /** Whether any write, truncate or name change is not yet durable. */
    public boolean hasUnsynced() {
        if (!pendingMeta.isEmpty()) {
            return true;
        }
        for (SimInode i : files.values()) {
            if (i.hasUnsynced()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Loses power now: every unsynced change is kept, lost or torn by the run's choices (see the
     * class comment), and every open handle dies. The disk stays usable (new handles work), as after
     * a reboot.
     */
    public void powerLoss() {
        resolveCrash("power loss");
    }

    // ---------------------------------------------------------------- lifecycle (SimStorage)

    void hostCrashed() {
        resolveCrash("host crash");
        up = false;
    }

    /** The host's process was killed: its handles die, its writes stay, the disk waits for the restart. */
    void processKilled() {
        generation++;
        up = false;
        storage.trace(host, "", "disk-kill", 0, "process killed: open handles closed, unsynced writes kept");
    }

    void hostRestarted() {
        up = true;
    }

    boolean isUp() {
        return up;
    }

    int generation() {
        return generation;
    }

    SimStorage storage() {
        return storage;
    }

    private void resolveCrash(String why) {
        generation++;
        ChoiceSource choices = storage.runtime().choices();
        storage.trace(host, "", "disk-crash", 0, why + ": resolving " + pendingMeta.size() + " unsynced name change(s)");
        int n = pendingMeta.size();
        int lost = n == 0 ? 0 : choices.choose(n + 1);
        for (int i = 0; i < n - lost; i++) {
            applyDurable(pendingMeta.get(i));
        }
        if (lost > 0) {
            storage.trace(host, "", "disk-lost", 0, "the last " + lost + " of " + n + " unsynced name change(s): "
                    + pendingMeta.subList(n - lost, n));
        }
        pendingMeta.clear();
        dropUnreachable();
        int sector = config.sectorSize();
        List<SimInode> seen = new ArrayList<>();
        for (Map.Entry<String, SimInode> e : durableFiles.entrySet()) {
            SimInode inode = e.getValue();
            if (containsIdentity(seen, inode) || !inode.hasUnsynced()) {
                continue;
            }
            seen.add(inode);
            String path = e.getKey();
            inode.resolve(new SimInode.Decision() {
                @Override
                public int keptBytes(Write w) {
                    int len = w.bytes().length;
                    long firstCut = (w.position() / sector + 1) * sector;
                    int cuts = firstCut >= w.position() + len ? 0 : (int) ((w.position() + len - 1 - firstCut) / sector + 1);
                    int c = choices.choose(cuts > 0 ? 3 : 2);
                    int kept = switch (c) {
                        case 0 -> len;
                        case 1 -> 0;
                        default -> (int) (firstCut - w.position()) + (int) (choices.between(1, cuts) - 1) * sector;
                    };
                    String what = c == 0 ? "kept" : c == 1 ? "lost" : "torn: " + kept + " of " + len + " bytes kept";
                    storage.trace(host, path, c == 0 ? "disk-kept" : "disk-lost", len - kept,
                            "unsynced write at " + w.position() + " (" + len + " bytes): " + what);
                    return kept;
                }

                @Override
                public boolean keptTruncate(Truncate t) {
                    boolean kept = choices.choose(2) == 0;
                    storage.trace(host, path, kept ? "disk-kept" : "disk-lost", 0,
                            "unsynced truncate to " + t.size() + ": " + (kept ? "kept" : "lost"));
                    return kept;
                }
            });
        }
        files.clear();
        files.putAll(durableFiles);
        dirs.clear();
        dirs.addAll(durableDirs);
    }

    /**
     * After a crash, drops the durable files and folders in a folder whose own creation was lost:
     * with the folder's name gone from its parent, nothing reaches them (each a traced
     * {@code disk-lost}).
     */
    private void dropUnreachable() {
        // Sorted, so a folder comes before everything in it.
        durableDirs.removeIf(dir -> !dir.isEmpty() && !durableDirs.contains(StoragePaths.parent(dir)));
        durableFiles.keySet().removeIf(path -> {
            String folder = StoragePaths.parent(path);
            if (durableDirs.contains(folder)) {
                return false;
            }
            storage.trace(host, path, "disk-lost", 0, "the creation of its folder " + folder + " was lost");
            return true;
        });
    }

    /** Whether {@code dir} and every folder above it would survive a crash now. */
    private boolean isDurableFolder(String dir) {
        for (String d = dir; !d.isEmpty(); d = StoragePaths.parent(d)) {
            if (!durableDirs.contains(d)) {
                return false;
            }
        }
        return true;
    }

    private static boolean containsIdentity(List<SimInode> list, SimInode x) {
        for (SimInode i : list) {
            if (i == x) {
                return true;
            }
        }
        return false;
    }

    // ---------------------------------------------------------------- names (SimStorage, SimFileSource)

    SimInode file(String path) {
        return files.get(path);
    }

    boolean isDirectory(String path) {
        return dirs.contains(path);
    }

    boolean exists(String path) {
        return files.containsKey(path) || dirs.contains(path);
    }

    SimInode create(String path) {
        SimInode inode = new SimInode();
        files.put(path, inode);
        pendingMeta.add(new Create(path, inode));
        return inode;
    }

    void delete(String path) {
        files.remove(path);
        pendingMeta.add(new Delete(path));
    }

    void rename(String from, String to) {
        SimInode inode = files.remove(from);
        files.put(to, inode);
        pendingMeta.add(new Rename(from, to, inode));
    }

    void mkdir(String path) {
        dirs.add(path);
        pendingMeta.add(new Mkdir(path));
    }

    List<String> list(String dir) {
        TreeSet<String> names = new TreeSet<>();
        String prefix = dir.isEmpty() ? "" : dir + "/";
        for (String p : files.keySet()) {
            if (p.startsWith(prefix) && StoragePaths.parent(p).equals(dir)) {
                names.add(StoragePaths.name(p));
            }
        }
        for (String d : dirs) {
            if (!d.isEmpty() && d.startsWith(prefix) && StoragePaths.parent(d).equals(dir)) {
                names.add(StoragePaths.name(d));
            }
        }
        return List.copyOf(names);
    }

    /** Makes durable every pending name change that touches folder {@code dir}, in order. */
    int syncDirectory(String dir) {
        int made = 0;
        for (int i = 0; i < pendingMeta.size(); ) {
            MetaOp op = pendingMeta.get(i);
            if (touches(op, dir)) {
                applyDurable(op);
                pendingMeta.remove(i);
                made++;
            } else {
                i++;
            }
        }
        return made;
    }

    private static boolean touches(MetaOp op, String dir) {
        return switch (op) {
            case Create c -> StoragePaths.parent(c.path()).equals(dir);
            case Delete d -> StoragePaths.parent(d.path()).equals(dir);
            case Rename r -> StoragePaths.parent(r.from()).equals(dir) || StoragePaths.parent(r.to()).equals(dir);
            case Mkdir m -> StoragePaths.parent(m.path()).equals(dir);
        };
    }

    private void applyDurable(MetaOp op) {
        switch (op) {
            case Create c -> durableFiles.put(c.path(), c.inode());
            case Delete d -> durableFiles.remove(d.path());
            case Rename r -> {
                if (durableFiles.get(r.from()) == r.inode()) {
                    durableFiles.remove(r.from());
                }
                durableFiles.put(r.to(), r.inode());
            }
            case Mkdir m -> durableDirs.add(m.path());
        }
    }

    @Override
    public String toString() {
        return "SimDisk[" + (host.isEmpty() ? "simulation" : host) + ", " + files.size() + " file(s)"
                + (hasUnsynced() ? ", unsynced changes" : "") + "]";
    }
}
