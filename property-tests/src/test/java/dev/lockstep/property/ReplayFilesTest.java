package dev.lockstep.property;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.choice.Choices;
import dev.lockstep.runtime.Simulation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Long replay strings go to a file beside the store; partly used strings are reported. */
class ReplayFilesTest {
    @TempDir
    Path dir;

    /** Fails when 1,500 drawn values are all different: no shrink gets the string under 2 KB. */
    static void distinctValues(Simulation sim) {
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < 1_500; i++) {
            seen.add(sim.choices().between(0, 1_000_000));
        }
        if (seen.size() == 1_500) {
            throw new AssertionError("all 1500 values differ");
        }
    }

    @Test
    void aStringOver2KbIsWrittenToAFileAndEveryFormPassesItsPath() throws IOException {
        List<String> warnings = new ArrayList<>();
        FailureReport f = Property.of("ReplayFilesTest#distinct", ReplayFilesTest::distinctValues).runs(5)
                .shrinkTime(Duration.ofMillis(300)).store(dir.resolve("store.txt")).warnings(warnings::add).check()
                .failure().orElseThrow();
        assertTrue(f.shrunkReplay().length() > Choices.FILE_THRESHOLD, "length " + f.shrunkReplay().length());
        assertNotNull(f.replayFile());
        assertEquals(f.shrunkReplay(), Files.readString(Path.of(f.replayFile())).strip());
        String text = f.format();
        assertTrue(text.contains("@SimTest(replay = \"@" + f.replayFile() + "\")"), text);
        assertTrue(text.contains("-Dlockstep.replay=@" + f.replayFile()), text);
        assertTrue(text.contains("Simulation.builder().replay(\"@" + f.replayFile() + "\")"), text);
        assertTrue(text.length() < 10_000, "the report is bounded: " + text.length());
        FailureReport replayed = Property.of("ReplayFilesTest#distinct", ReplayFilesTest::distinctValues)
                .replay("@" + f.replayFile()).warnings(warnings::add).check().failure().orElseThrow();
        assertEquals(f.signature(), replayed.signature());
        assertEquals(List.of(), warnings);
    }

    @Test
    void aStringThatTheRunReadsOnlyPartlyIsReportedWithHowManyChoicesItUsed() {
        List<String> warnings = new ArrayList<>();
        // staleCache fails on [0, 1, 2, 3] and reads a few zeros after; the string holds 13 choices.
        FailureReport f = Property.of("ReplayFilesTest#stale", PlantedBugs::staleCache)
                .replay("lockstep:1:AAECAwAAAAAAAAAABw").warnings(warnings::add).check().failure().orElseThrow();
        assertTrue(f.notes().stream().anyMatch(n -> n.contains("the run read") && n.contains("of the 13 choices")),
                f.notes().toString());
        assertTrue(f.format().contains("Warning:     the run read"), f.format());
        assertEquals(1, warnings.size(), warnings.toString());
    }
}
