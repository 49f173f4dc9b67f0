package dev.lockstep.examples.hunt;

import dev.lockstep.async.Async;
import dev.lockstep.future.Future;
import dev.lockstep.future.Poll;
import dev.lockstep.future.Waker;
import dev.lockstep.property.Scenario;
import dev.lockstep.runtime.Simulation;
import java.time.Duration;

/**
 * A user's scenario as {@code hunt --scenario} takes it: a one-slot mailbox whose reader forgets
 * to store its waker when the postman is late, so a late letter is never read (a lost wakeup, in
 * roughly half of the runs).
 */
public final class MailboxScenario implements Scenario {
    /** The mailbox, with its planted bug in {@link #take()}. */
    static final class Mailbox {
        String letter;
        Waker reader;
        boolean polledOnce;

        void put(String s) {
            letter = s;
            if (reader != null) {
                reader.wake();
            }
        }

        Future<String> take() {
            return cx -> {
                if (letter != null) {
                    return Poll.ready(letter);
                }
                if (!polledOnce) {
                    polledOnce = true;   // the bug: only the first poll stores the waker ...
                } else {
                    reader = cx.waker(); // ... no: only later polls do, and there is none
                }
                return Poll.pending();
            };
        }
    }

    @Override
    public void run(Simulation sim, int run) {
        Mailbox box = new Mailbox();
        sim.spawn("postman", Async.async(a -> {
            if (sim.choices().chance(0.5)) {
                a.sleep(Duration.ofMillis(5));
            }
            box.put("hello");
            return null;
        }));
        String got = sim.blockOn(box.take());
        if (!got.equals("hello")) {
            throw new AssertionError("read " + got);
        }
    }
}
