package dev.lockstep.io.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.async.Async;
import dev.lockstep.async.AsyncScope;
import dev.lockstep.choice.ChoiceSource;
import dev.lockstep.future.Futures;
import dev.lockstep.future.JoinHandle;
import dev.lockstep.io.fs.FileHandle;
import dev.lockstep.io.fs.OpenOption;
import dev.lockstep.io.fs.Storage;
import dev.lockstep.runtime.Simulation;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

/**
 * A small log-structured store on the file API, crashed at a drawn moment and restarted: every
 * record acknowledged before the crash must be read back intact, and a record that comes back
 * damaged (a torn write) must be caught by its checksum, never returned.
 *
 * <p>Record: {@code [int length][long crc32][payload]}, payload {@code [int id][bytes of id]}.
 * Recovery reads records from the start and stops at the first short or damaged one, cutting the
 * file there. The buggy store acknowledges a record before {@code sync()}; the fixed one after.
 */
class LogStoreCrashTest {
    private static final int RECORDS = 30;
    private static final DiskConfig DISK = DiskConfig.DEFAULT.withLatency(Duration.ofMillis(1), Duration.ofMillis(2));

    /** What a run saw: acknowledged ids at the crash, the ids recovered after it, damaged records skipped. */
    record Outcome(List<Integer> acked, List<Integer> recovered, int damaged, long traceHash, String replay) {
        boolean lostAnAcknowledgedRecord() {
            return !recovered.containsAll(acked);
        }
    }

    static byte[] payload(int id) {
        int length = 4 + 97 * (id % 13) + 11;
        ByteBuffer b = ByteBuffer.allocate(length);
        b.putInt(id);
        while (b.hasRemaining()) {
            b.put((byte) (id * 31 + b.position()));
        }
        return b.array();
    }

    static byte[] record(int id) {
        byte[] p = payload(id);
        CRC32 crc = new CRC32();
        crc.update(p);
        return ByteBuffer.allocate(12 + p.length).putInt(p.length).putLong(crc.getValue()).put(p).array();
    }

    /** Reads every intact record, cuts the file after the last one, and counts a damaged tail. */
    static List<Integer> recover(AsyncScope a, FileHandle log, int[] damaged) {
        long size = a.await(log.size());
        ByteBuffer all = ByteBuffer.allocate((int) size);
        while (all.hasRemaining() && a.await(log.read(all, all.position())) > 0) {
            // read to the end
        }
        all.flip();
        List<Integer> ids = new ArrayList<>();
        long good = 0;
        while (all.remaining() >= 12) {
            int length = all.getInt();
            long crc = all.getLong();
            if (length < 4 || length > all.remaining()) {
                damaged[0]++;
                break;
            }
            byte[] p = new byte[length];
            all.get(p);
            CRC32 check = new CRC32();
            check.update(p);
            if (check.getValue() != crc) {
                damaged[0]++;
                break;
            }
            int id = ByteBuffer.wrap(p).getInt();
            assertEquals(ByteBuffer.wrap(payload(id)), ByteBuffer.wrap(p), "record " + id + " passed its checksum damaged");
            ids.add(id);
            good = all.position();
        }
        if (good < size) {
            a.await(log.truncate(good));
            a.await(log.sync());
        }
        return ids;
    }

    static Outcome run(long seed, boolean ackBeforeSync) {
        return run(Simulation.builder().seed(seed).build(), ackBeforeSync);
    }

    static Outcome run(Simulation sim, boolean ackBeforeSync) {
        SimNetwork net = SimNetwork.create(sim);
        SimStorage.install(net, DISK);
        List<Integer> acked = new ArrayList<>();
        List<Integer> recovered = new ArrayList<>();
        int[] damaged = {0};
        net.host("db", () -> Async.async(a -> {
            FileHandle log = a.await(Storage.open("wal", OpenOption.CREATE));
            a.await(Storage.syncDirectory(""));
            List<Integer> found = recover(a, log, damaged);
            if (net.host("db").incarnation() > 1) {
                recovered.addAll(found);
                return null;
            }
            for (int id = 0; id < RECORDS; id++) {
                a.await(log.append(ByteBuffer.wrap(record(id))));
                if (ackBeforeSync) {
                    acked.add(id);
                    a.await(log.sync());
                } else {
                    a.await(log.sync());
                    acked.add(id);
                }
            }
            return a.await(Futures.pending());
        }));
        JoinHandle<List<Integer>> chaos = sim.spawn("chaos", Async.async(a -> {
            a.sleep(Duration.ofMillis(sim.choices().between(1, 5 * RECORDS)));
            net.crash("db");
            List<Integer> atCrash = List.copyOf(acked);
            net.restart("db");
            a.await(net.host("db").main());
            return atCrash;
        }));
        List<Integer> atCrash = sim.blockOn(chaos);
        return new Outcome(atCrash, List.copyOf(recovered), damaged[0], sim.traceHash(), sim.replayString());
    }

    @Test
    void theFixedStoreKeepsEveryAcknowledgedRecordOver2000Seeds() {
        int damagedTails = 0;
        for (long seed = 0; seed < 2000; seed++) {
            Outcome o = run(seed, false);
            assertTrue(!o.lostAnAcknowledgedRecord(), "seed " + seed + ": acknowledged " + o.acked() + ", recovered "
                    + o.recovered());
            damagedTails += o.damaged();
        }
        // Torn and lost writes happen: the checksum must have caught some damaged tails.
        assertTrue(damagedTails > 0, "no crash tore a record in 2000 seeds: the crash model is not exercised");
    }

    @Test
    void theBuggyStoreLosesAnAcknowledgedRecordWithinItsBudget() {
        // Measured: the first seed whose crash loses an acknowledged record is 8 (seeds from 0);
        // the budget leaves room for changes in how choices are drawn.
        long budget = 100;
        long found = -1;
        for (long seed = 0; seed < budget && found < 0; seed++) {
            if (run(seed, true).lostAnAcknowledgedRecord()) {
                found = seed;
            }
        }
        assertTrue(found >= 0, "the buggy store survived " + budget + " seeds");
    }

    @Test
    void aLostRecordReplaysExactlyFromItsReplayString() {
        for (long seed = 0; seed < 100; seed++) {
            Outcome o = run(seed, true);
            if (o.lostAnAcknowledgedRecord()) {
                Outcome again = run(Simulation.builder().choices(ChoiceSource.replay(o.replay())).build(), true);
                assertEquals(o.traceHash(), again.traceHash(), "seed " + seed + " replayed from " + o.replay());
                assertEquals(o.recovered(), again.recovered());
                assertTrue(again.lostAnAcknowledgedRecord());
                return;
            }
        }
        throw new AssertionError("no seed below 100 lost an acknowledged record");
    }

    @Test
    void aRunRepeatsExactlyPerSeed() {
        for (long seed = 0; seed < 50; seed++) {
            assertEquals(run(seed, true), run(seed, true), "seed " + seed);
        }
    }
}
