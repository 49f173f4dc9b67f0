package dev.lockstep.examples;

import static org.junit.jupiter.api.Assertions.*;

import dev.lockstep.async.Async;
import dev.lockstep.future.*;
import dev.lockstep.junit.SimTest;
import dev.lockstep.runtime.*;
import java.time.Duration;

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

    @SimTest(runs = 1000)
    void theLetterArrivesWhateverTheOrder(Simulation sim) {
        Mailbox box = new Mailbox();
        sim.spawn("postman", Async.async(a -> {
            a.sleep(Duration.ofHours(sim.choices().between(1, 3)));   // test data: drawn, shrinks too
            box.put("hello");
            return null;
        }));
        String got = sim.blockOn(box.take());
        assertEquals("hello", got);
        assertTrue(sim.clock().elapsed().toHours() >= 1);   // virtual time: takes no wall time
    }
}
