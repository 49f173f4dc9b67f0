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
        void theDefaultFileIsPerClassAndMethod() {
            assertEquals(Path.of("target/lockstep/dev.x.FooTest/bar.txt"),
                    FailureStore.defaultFile(Path.of("target/lockstep"), "dev.x.FooTest", "bar"));
            assertEquals(Path.of("r/a.B$C/m_1_.txt"), FailureStore.defaultFile(Path.of("r"), "a.B$C", "m(1)"));
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
            assertTrue(warnings.stream().anyMatch(w -> w.contains("ignoring failure store " + file + ": cannot read it")),
                    warnings.toString());
            assertTrue(warnings.stream().anyMatch(w -> w.contains("cannot update failure store " + file)),
                    warnings.toString());
        }
    }
}
