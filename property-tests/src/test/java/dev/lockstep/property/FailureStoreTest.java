package dev.lockstep.property;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FailureStoreTest {
    @TempDir
    Path dir;

    /** The stale cache property, with a switch to fix the bug, counting the runs it makes. */
    private static Property staleCache(AtomicBoolean fixed, AtomicInteger runs, Path store, List<String> warnings) {
        return Property.of("FailureStoreTest#staleCache", (sim, run) -> {
            runs.incrementAndGet();
            if (fixed.get()) {
                sim.blockOn(dev.lockstep.future.Futures.yieldNow());
            } else {
                PlantedBugs.staleCache(sim);
            }
        }).seed(1).runs(1000).shrinkTime(Duration.ofSeconds(5)).store(store).warnings(warnings::add);
    }

    @Nested
    class AsARegressionDatabase {
        @Test
        void aFailureIsStoredAndReRunFirstByTheNextCheck() throws IOException {
            Path file = dir.resolve("store.txt");
            AtomicInteger runs = new AtomicInteger();
            List<String> warnings = new ArrayList<>();
            FailureReport first = staleCache(new AtomicBoolean(), runs, file, warnings).check().failure().orElseThrow();
            assertTrue(Files.readAllLines(file).contains(first.shrunkReplay()));

            runs.set(0);
            PropertyResult second = staleCache(new AtomicBoolean(), runs, file, warnings).check();
            FailureReport again = second.failure().orElseThrow();
            assertEquals(FailureReport.Origin.STORED, again.origin());
            assertEquals(first.shrunkReplay(), again.shrunkReplay());
            assertEquals(0, second.executedRuns(), "no seeded run was needed");
            assertEquals(1, second.storedReplays());
            assertTrue(again.source().startsWith("stored failure 1 of 1 in " + file), again.source());
            assertEquals(again.shrinkRuns(), runs.get() - 2,
                    "the stored run, then only the shrink's runs, then the shrunk run once more for its decisions");
            assertEquals(List.of(), warnings);
        }

        @Test
        void anEntryThatPassesAgainIsRemovedWhenThePropertyHolds() {
            Path file = dir.resolve("store.txt");
            AtomicBoolean fixed = new AtomicBoolean();
            List<String> warnings = new ArrayList<>();
            staleCache(fixed, new AtomicInteger(), file, warnings).check();
            assertTrue(Files.exists(file));
            fixed.set(true);
            PropertyResult r = staleCache(fixed, new AtomicInteger(), file, warnings).check();
            assertTrue(r.passed());
            assertEquals(1, r.storedReplays());
            assertFalse(Files.exists(file), "the last entry left, so the file went too");
        }

        @Test
        void entriesAreKeptInOrderWithoutDuplicates() {
            FailureStore store = FailureStore.at(dir.resolve("a/b/store.txt"), w -> {});
            store.add("lockstep:1:Ag");
            store.add("lockstep:1:AQ");
            store.add("lockstep:1:Ag");
            assertEquals(List.of("lockstep:1:Ag", "lockstep:1:AQ"), store.load());
            store.replace("lockstep:1:Ag", "lockstep:1:AA");
            assertEquals(List.of("lockstep:1:AA", "lockstep:1:AQ"), store.load());
            store.remove(List.of("lockstep:1:AA"));
            assertEquals(List.of("lockstep:1:AQ"), store.load());
        }

        @Test
        void theDefaultFileIsPerClassAndMethodReadableWithAHash() {
            Path f = FailureStore.defaultFile(Path.of("target/lockstep"), "dev.x.FooTest", "bar(dev.lockstep.runtime"
                    + ".Simulation)");
            assertEquals(Path.of("target/lockstep/dev.x.FooTest"), f.getParent());
            assertTrue(f.getFileName().toString().matches("bar-[0-9a-f]{8}\\.txt"), f.toString());
            assertEquals(f, FailureStore.defaultFile(Path.of("target/lockstep"), "dev.x.FooTest", "bar(dev.lockstep"
                    + ".runtime.Simulation)"), "the same test always has the same file");
        }

        @Test
        void nonAsciiAndOverloadedTestNamesGetFilesOfTheirOwn() {
            Path root = Path.of("r");
            List<Path> files = List.of(
                    FailureStore.defaultFile(root, "dev.x.T", "测试甲(dev.lockstep.runtime.Simulation)"),
                    FailureStore.defaultFile(root, "dev.x.T", "测试乙(dev.lockstep.runtime.Simulation)"),
                    FailureStore.defaultFile(root, "dev.x.T", "bar(dev.lockstep.runtime.Simulation)"),
                    FailureStore.defaultFile(root, "dev.x.T", "bar(dev.lockstep.runtime.Simulation, int)"),
                    FailureStore.defaultFile(root, "dev.x.类甲", "bar()"),
                    FailureStore.defaultFile(root, "dev.x.类乙", "bar()"));
            assertEquals(files.size(), new java.util.HashSet<>(files).size(), files.toString());
            assertTrue(files.get(0).getFileName().toString().startsWith("___-"), files.get(0).toString());
        }
    }

    @Nested
    class WhenNotAStore {
        @Test
        void aSymbolicLinkIsIgnoredWithOneLineNeitherEchoedNorReplaced() throws IOException {
            Path target = dir.resolve("elsewhere.txt");
            List<String> secret = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                secret.add("secret line " + i);
            }
            Files.write(target, secret, StandardCharsets.UTF_8);
            Path file = Files.createSymbolicLink(dir.resolve("store.txt"), target);
            List<String> warnings = new ArrayList<>();
            PropertyResult r = staleCache(new AtomicBoolean(), new AtomicInteger(), file, warnings).check();
            assertEquals(FailureReport.Origin.SEEDED, r.failure().orElseThrow().origin());
            assertEquals(1, warnings.size(), warnings.toString());
            assertTrue(warnings.get(0).contains("not a failure store (it is a symbolic link)"), warnings.get(0));
            assertFalse(warnings.get(0).contains("secret"), warnings.get(0));
            assertTrue(Files.isSymbolicLink(file), "the link was not replaced");
            assertEquals(secret, Files.readAllLines(target, StandardCharsets.UTF_8), "its target was not written");
        }

        @Test
        void aFileLargerThanAStoreIsIgnoredWithOneLineAndNotRead() throws IOException {
            Path file = dir.resolve("store.txt");
            try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(file.toFile(), "rw")) {
                f.setLength(300L << 20); // 300 MB, sparse
            }
            List<String> warnings = new ArrayList<>();
            PropertyResult r = staleCache(new AtomicBoolean(), new AtomicInteger(), file, warnings).check();
            assertEquals(FailureReport.Origin.SEEDED, r.failure().orElseThrow().origin());
            assertEquals(1, warnings.size(), warnings.toString());
            assertTrue(warnings.get(0).contains("more than a store's " + FailureStore.MAX_BYTES), warnings.get(0));
            assertEquals(300L << 20, Files.size(file), "left alone");
        }

        @Test
        void aStoreKeepsItsNewestEntriesAndReportsManyBadLinesInAFewLines() throws IOException {
            Path file = dir.resolve("store.txt");
            List<String> warnings = new ArrayList<>();
            FailureStore store = FailureStore.at(file, warnings::add);
            for (int i = 0; i < FailureStore.MAX_ENTRIES + 5; i++) {
                store.add(dev.lockstep.choice.Choices.format(new int[] {i + 1}));
            }
            List<String> kept = store.load();
            assertEquals(FailureStore.MAX_ENTRIES, kept.size());
            assertEquals(dev.lockstep.choice.Choices.format(new int[] {FailureStore.MAX_ENTRIES + 5}),
                    kept.get(kept.size() - 1), "the newest is kept");
            List<String> garbage = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                garbage.add("garbage " + i);
            }
            Files.write(file, garbage, StandardCharsets.UTF_8);
            warnings.clear();
            assertEquals(List.of(), store.load());
            assertEquals(FailureStore.MAX_LINE_WARNINGS + 1, warnings.size(), warnings.toString());
            assertTrue(warnings.get(warnings.size() - 1).contains("995 more invalid lines"), warnings.toString());
        }
    }

    @Nested
    class WhenCorrupt {
        @Test
        void badLinesAreReportedWithTheirProblemAndTheRestIsUsed() throws IOException {
            Path file = dir.resolve("store.txt");
            Files.write(file, List.of("# comment", "", "garbage", "lockstep:1:AgADAw", "lockstep:9:AA", "lockstep:1:A="),
                    StandardCharsets.UTF_8);
            List<String> warnings = new ArrayList<>();
            PropertyResult r = staleCache(new AtomicBoolean(), new AtomicInteger(), file, warnings).check();
            assertEquals(FailureReport.Origin.STORED, r.failure().orElseThrow().origin(), "the valid line still ran");
            assertEquals(3, warnings.size(), warnings.toString());
            assertTrue(warnings.get(0).startsWith("lockstep: warning: ignoring line 3 of failure store " + file
                    + ": replay string must start with 'lockstep:'"), warnings.get(0));
            assertTrue(warnings.get(1).contains("line 5") && warnings.get(1).contains("unsupported version '9'"));
            assertTrue(warnings.get(2).contains("line 6") && warnings.get(2).contains("padding"));
            assertEquals(warnings, r.warnings());
        }

        @Test
        void aFileThatIsNotTextIsReportedAndIgnored() throws IOException {
            Path file = dir.resolve("store.txt");
            Files.write(file, new byte[] {(byte) 0xC3, (byte) 0x28, 0, (byte) 0xFF, 10});
            List<String> warnings = new ArrayList<>();
            PropertyResult r = staleCache(new AtomicBoolean(), new AtomicInteger(), file, warnings).check();
            assertEquals(FailureReport.Origin.SEEDED, r.failure().orElseThrow().origin());
            assertTrue(warnings.get(0).contains("ignoring failure store " + file + ": it is not UTF-8 text"), warnings.toString());
            // The failure was still stored: the corrupt file was replaced by a valid one.
            assertEquals(List.of(r.failure().get().shrunkReplay()), FailureStore.at(file, w -> {}).load());
        }

        @Test
        void aStoreThatCannotBeReadOrWrittenNeverFailsTheCheck() throws IOException {
            Path file = dir.resolve("store.txt");
            Files.createDirectories(file); // a directory where the file should be
            List<String> warnings = new ArrayList<>();
            PropertyResult r = staleCache(new AtomicBoolean(), new AtomicInteger(), file, warnings).check();
            assertEquals(FailureReport.Origin.SEEDED, r.failure().orElseThrow().origin());
            assertEquals(List.of("lockstep: warning: ignoring " + file + ": not a failure store (it is not a regular"
                    + " file); it is neither read nor replaced"), warnings);
        }
    }
}
