package dev.lockstep.io.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lockstep.async.Async;
import dev.lockstep.future.Future;
import dev.lockstep.io.fs.FileHandle;
import dev.lockstep.io.fs.OpenOption;
import dev.lockstep.io.fs.Storage;
import dev.lockstep.runtime.Simulation;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** The sample of docs/storage.md, as written there, run on a simulated disk. */
class StorageGuideTest {

    Future<Void> appendRecord(byte[] record) {
        return Async.async(a -> {
            FileHandle log = a.await(Storage.open("wal/000001.log", OpenOption.CREATE));
            a.await(log.append(ByteBuffer.wrap(record)));
            a.await(log.sync());                         // durable from here on
            log.close();
            return null;
        });
    }

    @Test
    void theSampleAppendsASyncedRecordThatSurvivesAPowerLoss() {
        Simulation sim = Simulation.builder().seed(0).build();
        SimStorage storage = SimStorage.install(sim);
        sim.blockOn(Async.async(a -> {
            a.await(Storage.createDirectories("wal"));
            a.await(Storage.syncDirectory(""));
            a.await(appendRecord(new byte[] {1, 2, 3}));
            a.await(Storage.syncDirectory("wal"));
            return null;
        }));
        storage.disk("").powerLoss();
        long size = sim.blockOn(Async.async(a -> a.await(a.await(Storage.open("wal/000001.log")).size())));
        assertEquals(3, size);
    }
}
