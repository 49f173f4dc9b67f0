package dev.lockstep.choice;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ChoicesTest {

    @Nested
    class RoundTrip {
        @Test
        void anEmptySequencePrintsAsThePrefixAndVersionAlone() {
            assertEquals("lockstep:1:", Choices.format(new int[0]));
            assertArrayEquals(new int[0], Choices.parse("lockstep:1:"));
        }

        @Test
        void smallValuesTakeOneByteEach() {
            assertEquals("lockstep:1:AAEC", Choices.format(new int[] {0, 1, 2}));
        }

        @Test
        void boundaryValuesSurviveFormatAndParse() {
            int[] values = {0, 1, 127, 128, 16_383, 16_384, 2_097_151, 2_097_152, 268_435_455, 268_435_456,
                    Integer.MAX_VALUE};
            assertArrayEquals(values, Choices.parse(Choices.format(values)));
        }

        @Test
        void randomSequencesSurviveFormatAndParse() {
            SplittableRandom random = new SplittableRandom(11);
            for (int round = 0; round < 500; round++) {
                int[] values = new int[random.nextInt(40)];
                for (int i = 0; i < values.length; i++) {
                    values[i] = random.nextInt(8) == 0 ? random.nextInt(Integer.MAX_VALUE) : random.nextInt(5);
                }
                assertArrayEquals(values, Choices.parse(Choices.format(values)), "round " + round);
            }
        }

        @Test
        void surroundingWhitespaceIsIgnored() {
            assertArrayEquals(new int[] {2}, Choices.parse("  lockstep:1:Ag\n"));
        }

        @Test
        void aNegativeChoiceCannotBeFormatted() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Choices.format(new int[] {1, -3}));
            assertEquals("choice 1 is negative: -3", e.getMessage());
        }
    }

    @Nested
    class MalformedStrings {

        /** Each bad input with a fragment of the message it must get. */
        static Stream<Arguments> badInputs() {
            return Stream.of(
                    Arguments.of(null, "replay string is null"),
                    Arguments.of("", "replay string is empty"),
                    Arguments.of("\"lockstep:1:Ag\"", "wrapped in quotes"),
                    Arguments.of("replay:1:Ag", "must start with 'lockstep:', got 'replay:1:Ag'"),
                    Arguments.of("Lockstep:1:Ag", "prefix must be lower-case 'lockstep:'"),
                    Arguments.of("@SimTest(replay = lockstep:1:Ag)", "has text before 'lockstep:' ('@SimTest(replay = ')"),
                    Arguments.of("lockstep:", "has no version after 'lockstep:'"),
                    Arguments.of("lockstep:1", "has no ':' after the version '1'"),
                    Arguments.of("lockstep::Ag", "has an empty version"),
                    Arguments.of("lockstep:v1:Ag", "version 'v1' is not a number"),
                    Arguments.of("lockstep:3:Ag", "unsupported version '3'; this Lockstep reads versions 1 and 2"),
                    Arguments.of("lockstep:1:Ag==", "bad base64: padding '=' (replay strings are unpadded) at payload position 2"),
                    Arguments.of("lockstep:1:A+", "bad base64: standard-base64 '+' (expected URL-safe '-' or '_') at payload position 1"),
                    Arguments.of("lockstep:1:Ag/w", "bad base64: standard-base64 '/' (expected URL-safe '-' or '_') at payload position 2"),
                    Arguments.of("lockstep:1:Ag Aw", "bad base64: whitespace (was the string wrapped across lines?) at payload position 2"),
                    Arguments.of("lockstep:1:Ag:Aw", "bad base64: a second ':'"),
                    Arguments.of("lockstep:1:Agé", "bad base64: non-ASCII character U+00E9 at payload position 2"),
                    Arguments.of("lockstep:1:Ag!", "bad base64: '!' at payload position 2"),
                    Arguments.of("lockstep:1:AgAwB", "payload length 5 is not a valid unpadded base64 length"),
                    Arguments.of("lockstep:1:AB", "its last character 'B' sets bits beyond the data"),
                    Arguments.of("lockstep:1:gA", "truncated varint: choice 0 starts at byte 0"),
                    Arguments.of("lockstep:1:BYA", "truncated varint: choice 1 starts at byte 1"),
                    Arguments.of("lockstep:1:______8B", "choice 0 (at byte 0) is longer than 5 bytes"),
                    Arguments.of("lockstep:1:gICAgAg", "choice 0 is 2147483648, above 2147483647"),
                    Arguments.of("lockstep:1:gAA", "over-long varint: choice 0 (at byte 0) ends in a zero byte;"
                            + " the canonical form is lockstep:1:AA"));
        }

        @ParameterizedTest(name = "[{index}] {0}")
        @MethodSource("badInputs")
        void eachIsRejectedWithAMessageNamingTheProblem(String input, String expected) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Choices.parse(input));
            assertTrue(e.getMessage().contains(expected),
                    "for input " + input + "\n  expected a message containing: " + expected + "\n  got: " + e.getMessage());
        }

        @Test
        void theTableHasAtLeastFifteenInputsAndNoTwoShareAMessage() {
            Map<String, String> byMessage = new HashMap<>();
            badInputs().forEach(args -> {
                String input = (String) args.get()[0];
                String message = assertThrows(IllegalArgumentException.class, () -> Choices.parse(input)).getMessage();
                String other = byMessage.put(message, input);
                assertEquals(null, other, "inputs " + other + " and " + input + " share the message: " + message);
            });
            assertTrue(byMessage.size() >= 15, "only " + byMessage.size() + " bad inputs");
        }

        @Test
        void theLargestIntIsStillAccepted() {
            assertArrayEquals(new int[] {Integer.MAX_VALUE}, Choices.parse("lockstep:1:_____wc"));
        }

        @Test
        void replayingAMalformedStringFailsWithTheSameMessage() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> ChoiceSource.replay("lockstep:3:Ag"));
            assertTrue(e.getMessage().contains("unsupported version '3'"), e.getMessage());
        }
    }
}
