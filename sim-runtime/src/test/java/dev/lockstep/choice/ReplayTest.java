package dev.lockstep.choice;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayTest {

    @Nested
    class Version2 {
        @Test
        void roundTripsSetupAndChoicesOverManyRandomSequences() {
            SplittableRandom random = new SplittableRandom(7);
            for (int i = 0; i < 500; i++) {
                int[] choices = new int[random.nextInt(200)];
                for (int k = 0; k < choices.length; k++) {
                    int kind = random.nextInt(4);
                    choices[k] = kind == 0 ? 0 : kind == 1 ? random.nextInt(3)
                            : kind == 2 ? (k > 0 ? choices[k - 1] : 5) : random.nextInt(Integer.MAX_VALUE);
                }
                ReplaySetup setup = new ReplaySetup(random.nextBoolean() ? "spurious-poll=0.2" : null,
                        random.nextBoolean() ? "pct(3, 200)" : null, random.nextBoolean() ? 1_000_000 : ReplaySetup.UNSET,
                        random.nextBoolean() ? random.nextLong(Long.MAX_VALUE) : ReplaySetup.UNSET,
                        random.nextBoolean() ? 10_000 : ReplaySetup.UNSET);
                Replay replay = new Replay(setup, choices);
                String s = replay.format();
                assertTrue(s.startsWith("lockstep:2:"), s);
                assertEquals(replay, Replay.parse(s), s);
                assertArrayEquals(choices, Choices.parse(s), s);
            }
        }

        @Test
        void aMillionZerosAndRepeatsCostAFewBytes() {
            int[] choices = new int[1_000_000];
            for (int i = 500_000; i < choices.length; i++) {
                choices[i] = 1;
            }
            String s = new Replay(ReplaySetup.none(), choices).format();
            assertTrue(s.length() < 30, s);
            assertArrayEquals(choices, Choices.parse(s));
        }

        @Test
        void version1StringsStillParseWithAnEmptySetup() {
            Replay r = Replay.parse("lockstep:1:AAECAw");
            assertTrue(r.setup().isEmpty());
            assertArrayEquals(new int[] {0, 1, 2, 3}, r.choices());
        }

        @Test
        void aTruncatedSetupIsNamed() {
            String s = new Replay(new ReplaySetup("spurious-poll=0.2", null, ReplaySetup.UNSET, ReplaySetup.UNSET,
                    ReplaySetup.UNSET), new int[] {1}).format();
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Replay.parse(s.substring(0, 16)));
            assertTrue(e.getMessage().contains("cut short") || e.getMessage().contains("base64"), e.getMessage());
        }
    }

    @Nested
    class Files_ {
        @Test
        void anAtPathReadsTheStringFromTheFile(@TempDir Path dir) throws IOException {
            String s = new Replay(ReplaySetup.none().withScheduler("pct(2, 50)"), new int[] {3, 1}).format();
            Path file = dir.resolve("x.replay");
            Files.writeString(file, s + "\n");
            assertEquals(Replay.parse(s), Replay.parse("@" + file));
            assertEquals("pct(2, 50)", ChoiceSource.replay("@" + file).setup().scheduler());
        }

        @Test
        void aMissingFileIsNamed(@TempDir Path dir) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Replay.parse("@" + dir.resolve("none.replay")));
            assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
        }
    }

    @Nested
    class Messages {
        @Test
        void controlCharactersAreNeverEchoedRaw() {
            for (String bad : new String[] {"lock\u001b[2Jstep:1:AA", "lockstep:1:A\u0007A", "x\ny", "lockstep:\u009b1:"}) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Choices.parse(bad));
                for (char c : e.getMessage().toCharArray()) {
                    assertFalse(c < 0x20 && c != '\n' || c == 0x7F || (c >= 0x80 && c < 0xA0),
                            "raw control character " + (int) c + " in: " + Choices.escape(e.getMessage()));
                }
                assertFalse(e.getMessage().contains("\u001b"), e.getMessage());
            }
        }

        @Test
        void escapeWritesControlCharactersAsEscapes() {
            assertEquals("a\\u001B[2Jb\\n", Choices.escape("a\u001b[2Jb\n"));
            assertEquals("plain", Choices.escape("plain"));
        }
    }

    @Test
    void aReplaySourceSaysHowManyChoicesTheRunRead() {
        ChoiceSource source = ChoiceSource.replay("lockstep:1:AQEB");
        source.choose(2);
        assertEquals(1, source.replayUsed());
        assertEquals(3, source.replayLength());
        assertEquals(-1, ChoiceSource.seeded(1).replayUsed());
    }
}
