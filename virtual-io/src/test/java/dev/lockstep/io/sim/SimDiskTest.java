package dev.lockstep.io.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.async.Async;
import dev.lockstep.async.AsyncScope;
import dev.lockstep.choice.ChoiceSource;
import dev.lockstep.fault.FaultKind;
import dev.lockstep.fault.FaultPlan;
import dev.lockstep.future.Futures;
import dev.lockstep.io.fs.FileHandle;
import dev.lockstep.io.fs.OpenOption;
import dev.lockstep.io.fs.Storage;
import dev.lockstep.io.fs.StorageException;
import dev.lockstep.runtime.Simulation;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class SimDiskTest {

    /** A simulation with one disk, drawing from {@code choices}. */
    private static <T> T run(ChoiceSource choices, DiskConfig config, Function<AsyncScope, T> body,
            List<SimDisk> disk) {
        Simulation sim = Simulation.builder().choices(choices).build();
        SimStorage storage = SimStorage.install(sim, config);
        disk.add(storage.disk(""));
        return sim.blockOn(Async.async(body::apply));
    }

    private static <T> T run(ChoiceSource choices, Function<AsyncScope, T> body) {
        return run(choices, DiskConfig.DEFAULT, body, new ArrayList<>());
    }

    static byte[] fill(int n, char c) {
        byte[] b = new byte[n];
        java.util.Arrays.fill(b, (byte) c);
        return b;
    }

    static String content(AsyncScope a, String path) {
        FileHandle f = a.await(Storage.open(path, OpenOption.READ_ONLY));
        ByteBuffer dst = ByteBuffer.allocate((int) (long) a.await(f.size()));
        long at = 0;
        while (dst.hasRemaining() && a.await(f.read(dst, at)) > 0) {
            at = dst.position();
        }
        f.close();
        return new String(dst.array(), StandardCharsets.ISO_8859_1);
    }

    /** A file "f" whose name and first {@code synced} bytes 'S' are durable, then {@code unsynced} bytes 'U' after them. */
    static FileHandle prepared(AsyncScope a, int synced, int unsynced) {
        FileHandle f = a.await(Storage.open("f", OpenOption.CREATE));
        a.await(Storage.syncDirectory(""));
        a.await(f.write(ByteBuffer.wrap(fill(synced, 'S')), 0));
        a.await(f.sync());
        if (unsynced > 0) {
            a.await(f.write(ByteBuffer.wrap(fill(unsynced, 'U')), synced));
        }
        return f;
    }

    @Nested
    class ACrashResolvesEachUnsyncedWriteByAChoice {
        private String afterCrash(int[] choices) {
            List<SimDisk> disk = new ArrayList<>();
            return run(ChoiceSource.replay(choices), DiskConfig.DEFAULT, a -> {
                prepared(a, 512, 1024);
                disk.get(0).powerLoss();
                return content(a, "f");
            }, disk);
        }

        @Test
        void choiceZeroKeepsIt() {
            assertEquals("S".repeat(512) + "U".repeat(1024), afterCrash(new int[] {0}));
        }

        @Test
        void choiceOneLosesIt() {
            assertEquals("S".repeat(512), afterCrash(new int[] {1}));
        }

        @Test
        void choiceTwoTearsItAtASectorBoundary() {
            // The write spans sectors 1 and 2 (512-byte sectors): one interior boundary, at 1024.
            assertEquals("S".repeat(512) + "U".repeat(512), afterCrash(new int[] {2, 1}));
        }

        @Test
        void syncedBytesSurviveEveryCrashAndUnsyncedOnesAreWholeGoneOrASectorPrefix() {
            for (long seed = 0; seed < 300; seed++) {
                String got = afterSeed(seed);
                assertTrue(got.startsWith("S".repeat(700)), "seed " + seed + ": synced bytes lost");
                int kept = got.length() - 700;
                assertTrue(kept == 0 || kept == 1500 || (700 + kept) % 512 == 0,
                        "seed " + seed + ": " + kept + " unsynced bytes kept, neither all, none nor to a sector boundary");
                assertEquals("U".repeat(kept), got.substring(700), "seed " + seed);
            }
        }

        private String afterSeed(long seed) {
            List<SimDisk> disk = new ArrayList<>();
            return run(ChoiceSource.seeded(seed), DiskConfig.DEFAULT, a -> {
                prepared(a, 700, 1500);
                disk.get(0).powerLoss();
                return content(a, "f");
            }, disk);
        }
    }

    @Nested
    class NamesAreDurableOnlyAfterSyncDirectory {
        private boolean existsAfterCrash(int[] choices, boolean syncDir) {
            List<SimDisk> disk = new ArrayList<>();
            return run(ChoiceSource.replay(choices), DiskConfig.DEFAULT, a -> {
                FileHandle f = a.await(Storage.open("made", OpenOption.CREATE));
                a.await(f.write(ByteBuffer.wrap(fill(10, 'x')), 0));
                a.await(f.sync());
                if (syncDir) {
                    a.await(Storage.syncDirectory(""));
                }
                disk.get(0).powerLoss();
                return a.await(Storage.exists("made"));
            }, disk);
        }

        @Test
        void anUnsyncedCreateIsLostWhenTheCrashDrawsIt() {
            assertFalse(existsAfterCrash(new int[] {1}, false));
            assertTrue(existsAfterCrash(new int[] {0}, false));
        }

        @Test
        void aSyncedCreateSurvivesWhateverIsDrawn() {
            assertTrue(existsAfterCrash(new int[] {1, 1, 1}, true));
        }

        @Test
        void aFileIsGoneWithAFolderWhoseCreationTheCrashLost() {
            for (int lost = 0; lost <= 1; lost++) {
                List<SimDisk> disk = new ArrayList<>();
                List<String> durableBefore = new ArrayList<>();
                String got = run(ChoiceSource.replay(new int[] {lost}), DiskConfig.DEFAULT, a -> {
                    a.await(Storage.createDirectories("wal"));
                    FileHandle f = a.await(Storage.open("wal/log", OpenOption.CREATE));
                    a.await(f.write(ByteBuffer.wrap(fill(10, 'x')), 0));
                    a.await(f.sync());
                    a.await(Storage.syncDirectory("wal")); // the name "log" is durable, the folder "wal" is not
                    durableBefore.addAll(disk.get(0).durableFiles());
                    disk.get(0).powerLoss();
                    return a.await(Storage.exists("wal")) + " " + a.await(Storage.exists("wal/log")) + " "
                            + a.await(Storage.list(""));
                }, disk);
                assertEquals(List.of(), durableBefore, "a file in a folder not yet durable is not durable");
                assertEquals(lost == 1 ? "false false []" : "true true [wal]", got, "mkdir lost: " + lost);
            }
        }

        @Test
        void anUnsyncedRenameLeavesTheOldOrTheNewFileWholeNeverAMix() {
            Set<String> seen = new HashSet<>();
            for (long seed = 0; seed < 200; seed++) {
                List<SimDisk> disk = new ArrayList<>();
                String got = run(ChoiceSource.seeded(seed), DiskConfig.DEFAULT, a -> {
                    FileHandle cur = a.await(Storage.open("current", OpenOption.CREATE));
                    a.await(cur.write(ByteBuffer.wrap(fill(600, 'o')), 0));
                    a.await(cur.sync());
                    a.await(Storage.syncDirectory(""));
                    FileHandle tmp = a.await(Storage.open("tmp", OpenOption.CREATE));
                    a.await(tmp.write(ByteBuffer.wrap(fill(900, 'n')), 0));
                    a.await(tmp.sync());
                    a.await(Storage.rename("tmp", "current"));
                    disk.get(0).powerLoss();
                    return content(a, "current");
                }, disk);
                assertTrue(got.equals("o".repeat(600)) || got.equals("n".repeat(900)), "seed " + seed + ": " + got);
                seen.add(got.substring(0, 1));
            }
            assertEquals(Set.of("o", "n"), seen, "both outcomes should occur over 200 seeds");
        }
    }

    @Nested
    class Handles {
        @Test
        void aHandleOpenedBeforeAPowerLossIsDead() {
            List<SimDisk> disk = new ArrayList<>();
            StorageException e = assertThrows(StorageException.class, () -> run(ChoiceSource.seeded(1),
                    DiskConfig.DEFAULT, a -> {
                        FileHandle f = prepared(a, 10, 0);
                        disk.get(0).powerLoss();
                        return a.await(f.write(ByteBuffer.wrap(fill(1, 'x')), 0));
                    }, disk));
            assertEquals(StorageException.Kind.CRASHED, e.kind());
            assertTrue(e.getMessage().contains("lost power"), e.getMessage());
        }

        @Test
        void aWritePastTheLargestSimulatedFileIsRejectedNamingThePathAndTheRunAndAppliesNothing() {
            for (long position : new long[] {Long.MAX_VALUE - 1, 3L << 30}) {
                List<String> seen = new ArrayList<>();
                run(ChoiceSource.seeded(1), DiskConfig.DEFAULT.withCapacity(Long.MAX_VALUE), a -> {
                    FileHandle f = a.await(Storage.open("big", OpenOption.CREATE));
                    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                            () -> a.await(f.write(ByteBuffer.wrap(fill(4, 'x')), position)));
                    seen.add(e.getMessage());
                    seen.add(String.valueOf(a.await(f.size())));
                    return null;
                }, new ArrayList<>());
                assertTrue(seen.get(0).contains("write of 4 bytes at " + position + " on big")
                        && seen.get(0).contains("at most") && seen.get(0).contains("replay lockstep:2:"), seen.get(0));
                assertEquals("0", seen.get(1), "nothing of the write is applied");
            }
        }
    }

    @Nested
    class DeviceFaults {
        @Test
        void aWriteErrorFailsTheWriteAndAppliesNothing() {
            DiskConfig failing = DiskConfig.DEFAULT.withErrors(0, 1.0);
            List<SimDisk> disk = new ArrayList<>();
            StorageException e = assertThrows(StorageException.class, () -> run(ChoiceSource.seeded(3), failing, a -> {
                FileHandle f = a.await(Storage.open("f", OpenOption.CREATE));
                return a.await(f.write(ByteBuffer.wrap(fill(5, 'x')), 0));
            }, disk));
            assertEquals(StorageException.Kind.IO_ERROR, e.kind());
            assertEquals(0, disk.get(0).usedBytes());
        }

        @Test
        void theFaultPlansDiskErrorFailsWritesAndReplaysFromTheString() {
            for (long seed = 0; seed < 50; seed++) {
                Simulation sim = Simulation.builder().seed(seed).faults(FaultPlan.parse("disk-error=0.3")).build();
                SimStorage.install(sim);
                int failed = diskErrors(sim);
                Simulation again = Simulation.builder().replay(sim.replayString()).build();
                SimStorage.install(again);
                assertEquals(failed, diskErrors(again), "seed " + seed);
                assertEquals(sim.traceHash(), again.traceHash(), "seed " + seed);
            }
            Simulation always = Simulation.builder().seed(1).faults(FaultPlan.only(FaultKind.DISK_ERROR, 1.0)).build();
            SimStorage.install(always);
            assertEquals(10, diskErrors(always));
        }

        @Test
        void droppingTheDiskErrorsLabelledCoinsReplaysTheRunWithoutItUnchanged() {
            int checked = 0;
            for (long seed = 0; seed < 40; seed++) {
                Simulation sim = Simulation.builder().seed(seed).faults(FaultPlan.only(FaultKind.DISK_ERROR, 0.01))
                        .build();
                SimStorage.install(sim);
                diskErrors(sim);
                int[] choices = sim.replay().choices();
                byte[] tags = sim.replayTags();
                int[] kept = new int[choices.length];
                int n = 0;
                boolean fired = false;
                for (int i = 0; i < choices.length; i++) {
                    if (tags[i] == 0) {
                        kept[n++] = choices[i];
                    } else {
                        assertEquals(FaultKind.DISK_ERROR.ordinal() + 1, tags[i], "seed " + seed);
                        fired |= choices[i] != 0;
                    }
                }
                assertEquals(10, choices.length - n, "seed " + seed + ": each append's error coin is labelled");
                if (fired) {
                    continue; // an error was injected: switching the fault off changes the run
                }
                Simulation plain = Simulation.builder().choices(ChoiceSource.replay(java.util.Arrays.copyOf(kept, n)))
                        .build();
                SimStorage.install(plain);
                assertEquals(0, diskErrors(plain));
                assertEquals(sim.traceHash(), plain.traceHash(), "seed " + seed);
                checked++;
            }
            assertTrue(checked > 10, "runs where no disk error was injected: " + checked);
        }

        /** Ten appends: how many failed with IO_ERROR. */
        private int diskErrors(Simulation sim) {
            return sim.blockOn(Async.async(a -> {
                FileHandle f = a.await(Storage.open("f", OpenOption.CREATE)); // an open draws no disk error
                int failures = 0;
                for (int i = 0; i < 10; i++) {
                    try {
                        a.await(f.append(ByteBuffer.wrap(fill(10, 'x'))));
                    } catch (StorageException e) {
                        assertEquals(StorageException.Kind.IO_ERROR, e.kind());
                        assertTrue(e.getMessage().contains("fault plan disk-error"), e.getMessage());
                        failures++;
                    }
                }
                return failures;
            }));
        }

        @Test
        void aMisusedHandleFailsWithItsMisuseEvenOnADiskThatFailsEveryAccess() {
            DiskConfig failing = DiskConfig.DEFAULT.withErrors(1.0, 1.0);
            List<SimDisk> disk = new ArrayList<>();
            List<StorageException.Kind> kinds = run(ChoiceSource.seeded(3), failing, a -> {
                List<StorageException.Kind> seen = new ArrayList<>();
                FileHandle stale = a.await(Storage.open("f", OpenOption.CREATE)); // an open draws no disk error
                disk.get(0).powerLoss();
                FileHandle closed = a.await(Storage.open("f", OpenOption.CREATE));
                closed.close();
                FileHandle readOnly = a.await(Storage.open("f", OpenOption.READ_ONLY));
                for (Function<AsyncScope, ?> op : List.<Function<AsyncScope, ?>>of(
                        x -> x.await(closed.write(ByteBuffer.wrap(fill(1, 'x')), 0)),
                        x -> x.await(closed.read(ByteBuffer.allocate(1), 0)),
                        x -> x.await(readOnly.append(ByteBuffer.wrap(fill(1, 'x')))),
                        x -> x.await(stale.sync()))) {
                    try {
                        op.apply(a);
                    } catch (StorageException e) {
                        seen.add(e.kind());
                    }
                }
                return seen;
            }, disk);
            assertEquals(List.of(StorageException.Kind.CLOSED, StorageException.Kind.CLOSED,
                    StorageException.Kind.READ_ONLY, StorageException.Kind.CRASHED), kinds);
        }

        @Test
        void aWritePastTheCapacityIsDiskFull() {
            DiskConfig tiny = DiskConfig.DEFAULT.withCapacity(10);
            StorageException e = assertThrows(StorageException.class, () -> run(ChoiceSource.seeded(3), tiny, a -> {
                FileHandle f = a.await(Storage.open("f", OpenOption.CREATE));
                a.await(f.write(ByteBuffer.wrap(fill(8, 'x')), 0));
                return a.await(f.append(ByteBuffer.wrap(fill(3, 'y'))));
            }, new ArrayList<>()));
            assertEquals(StorageException.Kind.DISK_FULL, e.kind());
            assertTrue(e.getMessage().contains("8 of 10 bytes"), e.getMessage());
        }

        @Test
        void aCorruptReadFlipsOneByteButTheDiskKeepsTheRightData() {
            DiskConfig corrupt = DiskConfig.DEFAULT.withCorruptReads(1.0);
            List<String> reads = run(ChoiceSource.seeded(5), corrupt, a -> {
                prepared(a, 64, 0);
                String first = content(a, "f");
                return List.of(first);
            }, new ArrayList<>());
            assertEquals(63, reads.get(0).chars().filter(c -> c == 'S').count());
        }
    }

    @Nested
    class TimeAndDeterminism {
        @Test
        void eachOperationTakesTheConfiguredVirtualTime() {
            DiskConfig slow = DiskConfig.DEFAULT.withLatency(Duration.ofMillis(5), Duration.ZERO);
            Simulation sim = Simulation.builder().seed(0).build();
            SimStorage.install(sim, slow);
            sim.blockOn(Async.async(a -> {
                FileHandle f = a.await(Storage.open("f", OpenOption.CREATE));
                a.await(f.write(ByteBuffer.wrap(fill(5, 'x')), 0));
                return a.await(f.sync());
            }));
            assertEquals(Duration.ofMillis(15), sim.clock().elapsed());
        }

        @Test
        void theSameSeedGivesTheSameTraceHashWithCrashesLatencyAndFaults() {
            DiskConfig busy = DiskConfig.DEFAULT.withLatency(Duration.ofMillis(1), Duration.ofMillis(4))
                    .withErrors(0.05, 0.05);
            for (long seed = 0; seed < 100; seed++) {
                assertEquals(workload(seed, busy), workload(seed, busy), "seed " + seed);
            }
        }

        private long workload(long seed, DiskConfig config) {
            Simulation sim = Simulation.builder().seed(seed).build();
            SimStorage storage = SimStorage.install(sim, config);
            for (int w = 0; w < 3; w++) {
                int writer = w;
                sim.spawn("writer-" + w, Async.async(a -> {
                    try {
                        FileHandle f = a.await(Storage.open("log-" + writer, OpenOption.CREATE));
                        for (int i = 0; i < 5; i++) {
                            a.await(f.append(ByteBuffer.wrap(fill(300 + 100 * i, (char) ('a' + i)))));
                            if (i % 2 == 1) {
                                a.await(f.sync());
                            }
                        }
                    } catch (StorageException expected) {
                        // injected EIO or a handle killed by the power loss: part of the workload
                    }
                    return null;
                }));
            }
            sim.blockOn(Async.async(a -> {
                a.sleep(Duration.ofMillis(sim.choices().between(0, 20)));
                storage.disk("").powerLoss();
                return null;
            }));
            sim.blockOn(Futures.ready(null));
            return sim.traceHash();
        }
    }
}
