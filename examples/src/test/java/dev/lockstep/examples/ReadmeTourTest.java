package dev.lockstep.examples;

import static org.junit.jupiter.api.Assertions.*;

import dev.lockstep.future.*;
import dev.lockstep.runtime.*;
import dev.lockstep.time.Sleep;
import java.time.Duration;
import java.util.*;
import org.junit.jupiter.api.Test;

/** The README's five-minute tour, verbatim: it must compile and pass. */
class ReadmeTourTest {
    /** A one-slot mailbox written the way a user writes a leaf future: store the waker, wake it later. */
    static final class Mailbox {
        String letter;
        Waker reader;

        void put(String s) {
            letter = s;
            if (reader != null) reader.wake();
        }

        Future<String> take() {
            return cx -> {
                if (letter != null) return Poll.ready(letter);
                reader = cx.waker();              // forget this line and Lockstep reports a lost wakeup
                return Poll.pending();
            };
        }
    }

    @Test
    void theLetterArrivesWhateverTheOrder() {
        for (long seed = 0; seed < 1000; seed++) {
            Simulation sim = Simulation.builder().seed(seed).build();
            Mailbox box = new Mailbox();
            sim.spawn("postman", Sleep.of(Duration.ofHours(3)).map(x -> { box.put("hello"); return null; }));
            String got = sim.blockOn(box.take());
            assertEquals("hello", got, "seed " + seed + ", replay " + sim.replayString());
            assertEquals(Duration.ofHours(3), sim.clock().elapsed());   // virtual: takes no wall time
        }
    }
}
