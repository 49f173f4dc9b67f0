package dev.lockstep.property;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class DurationTextTest {

    @Nested
    class ValidText {
        @Test
        void readsEachUnit() {
            assertEquals(Duration.ofNanos(5), DurationText.parse("5ns", "x"));
            assertEquals(Duration.ofNanos(5_000), DurationText.parse("5us", "x"));
            assertEquals(Duration.ofMillis(500), DurationText.parse("500ms", "x"));
            assertEquals(Duration.ofSeconds(10), DurationText.parse("10s", "x"));
            assertEquals(Duration.ofMinutes(10), DurationText.parse("10m", "x"));
            assertEquals(Duration.ofHours(2), DurationText.parse("2h", "x"));
            assertEquals(Duration.ofDays(1), DurationText.parse("1d", "x"));
        }

        @Test
        void aBareNumberIsMillisecondsAndIsoWorksToo() {
            assertEquals(Duration.ofMillis(1500), DurationText.parse(" 1500 ", "x"));
            assertEquals(Duration.ofSeconds(90), DurationText.parse("PT1M30S", "x"));
        }
    }

    @Nested
    class InvalidText {
        @Test
        void eachMistakeIsNamedWithTheSetting() {
            assertEquals("maxVirtualTime is empty; write a duration like 10s, 500ms, 10m or PT1M",
                    assertThrows(IllegalArgumentException.class, () -> DurationText.parse(" ", "maxVirtualTime")).getMessage());
            assertEquals("shrinkTime: unknown unit 'sec' in '10sec'; use ns, us, ms, s, m, h or d",
                    assertThrows(IllegalArgumentException.class, () -> DurationText.parse("10sec", "shrinkTime")).getMessage());
            assertEquals("shrinkTime: 'ten' does not start with a whole number; write a duration like 10s, 500ms, 10m or PT1M",
                    assertThrows(IllegalArgumentException.class, () -> DurationText.parse("ten", "shrinkTime")).getMessage());
            assertEquals("shrinkTime must not be negative, got '-5s'",
                    assertThrows(IllegalArgumentException.class, () -> DurationText.parse("-5s", "shrinkTime")).getMessage());
            assertEquals("x: 'PTxS' is not an ISO-8601 duration like PT1M30S",
                    assertThrows(IllegalArgumentException.class, () -> DurationText.parse("PTxS", "x")).getMessage());
        }
    }
}
