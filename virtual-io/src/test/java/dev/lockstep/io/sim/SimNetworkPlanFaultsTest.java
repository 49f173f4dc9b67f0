package dev.lockstep.io.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.async.Async;
import dev.lockstep.fault.FaultKind;
import dev.lockstep.fault.FaultPlan;
import dev.lockstep.future.Futures;
import dev.lockstep.io.fs.FileHandle;
import dev.lockstep.io.fs.OpenOption;
import dev.lockstep.io.fs.Storage;
import dev.lockstep.runtime.Simulation;
import dev.lockstep.time.Sleep;
import dev.lockstep.trace.TraceEvent;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The plan's network faults on a {@link SimNetwork}: where partitions cut, what crashes and what is killed. */
class SimNetworkPlanFaultsTest {

    /** The nemesis's trace over one run of three idle nodes and a spared client, under {@code plan}. */
    static List<TraceEvent.Fault> nemesis(long seed, FaultPlan plan) {
        Simulation sim = Simulation.builder().seed(seed).faults(plan).traceCapacity(Integer.MAX_VALUE).build();
        SimNetwork net = SimNetwork.builder(sim).faultHorizon(Duration.ofMillis(20)).build();
        for (String h : List.of("n1", "n2", "n3")) {
            net.host(h, Futures::pending);
        }
        net.host("client", Futures::pending);
        net.spareFromCrashes("client");
        sim.blockOn(Sleep.of(Duration.ofMillis(100)));
        sim.shutdown();
        return sim.trace().events().stream().filter(e -> e instanceof TraceEvent.Fault f && f.name().equals("nemesis"))
                .map(TraceEvent.Fault.class::cast).collect(Collectors.toList());
    }

    @Test
    void clusterShapesLeaveTheSparedClientConnectedAndCrashesComeWithTheHeals() {
        FaultPlan plan = FaultPlan.only(FaultKind.PARTITION, 1.0).with(FaultKind.CRASH, 1.0);
        int partitions = 0;
        int crashes = 0;
        for (long seed = 0; seed < 200; seed++) {
            List<TraceEvent.Fault> faults = nemesis(seed, plan);
            for (TraceEvent.Fault f : faults) {
                if (f.kind().equals("partition") && f.detail().startsWith("no split (random)")) {
                    partitions++;
                }
                if (f.kind().equals("partition") && f.detail().startsWith("begins: ")) {
                    partitions++;
                    if (!f.detail().startsWith("begins: random")) {
                        assertFalse(f.detail().contains("client"), f.detail());
                    }
                }
                if (f.kind().equals("crash") && f.detail().startsWith("begins: ")) {
                    crashes++;
                    assertTrue(f.detail().contains("cut off by the partition, as it heals"), f.detail());
                    assertFalse(f.detail().contains("client"), f.detail());
                }
            }
        }
        assertEquals(600, partitions, "every slot of partition=1.0 begins (or, random, splits nothing)");
        assertTrue(crashes > 300, "most heals crash a host of the small side: " + crashes);
    }

    @Test
    void aFocusedRunCrashesOnlyItsFocus() {
        FaultPlan plan = FaultPlan.only(FaultKind.CRASH, 1.0);
        int focused = 0;
        for (long seed = 0; seed < 200; seed++) {
            List<TraceEvent.Fault> faults = nemesis(seed, plan);
            String focus = faults.stream().filter(f -> f.kind().equals("network-focus"))
                    .map(f -> f.detail().substring(0, f.detail().indexOf(':'))).findFirst().orElse(null);
            if (focus == null) {
                continue;
            }
            focused++;
            for (TraceEvent.Fault f : faults) {
                if (f.kind().equals("crash") && f.detail().startsWith("begins: ")) {
                    assertTrue(f.detail().startsWith("begins: " + focus), focus + ": " + f.detail());
                }
            }
        }
        assertTrue(focused > 60 && focused < 140, "about half the runs focus: " + focused);
    }

    @Test
    void theSameSeedCutsTheSameWay() {
        FaultPlan plan = FaultPlan.only(FaultKind.PARTITION, 0.67).with(FaultKind.CRASH, 0.34);
        for (long seed = 0; seed < 20; seed++) {
            assertEquals(nemesis(seed, plan).toString(), nemesis(seed, plan).toString());
        }
    }

    @Test
    void theKillFaultKillsProcessesOfTheClusterAndRestartsEachOnceItsSlotEnds() {
        FaultPlan plan = FaultPlan.only(FaultKind.KILL, 1.0);
        int kills = 0;
        for (long seed = 0; seed < 200; seed++) {
            List<TraceEvent.Fault> faults = nemesis(seed, plan);
            int begun = 0;
            int ended = 0;
            for (TraceEvent.Fault f : faults) {
                if (f.kind().equals("kill") && f.detail().startsWith("begins: ")) {
                    begun++;
                    assertTrue(f.detail().matches("begins: the process of n[123], for \\d+ ms"), f.detail());
                }
                if (f.kind().equals("kill") && f.detail().startsWith("ends: ")) {
                    ended++;
                }
            }
            assertEquals(begun, ended, "seed " + seed + ": every kill ends within the run: " + faults);
            kills += begun;
        }
        assertTrue(kills > 300, "most of the 600 slots of kill=1.0 kill a process: " + kills);
    }

    @Test
    void killsComeInTheirOwnSlotsWithPartitionsOnToo() {
        FaultPlan plan = FaultPlan.only(FaultKind.PARTITION, 1.0).with(FaultKind.KILL, 1.0);
        long kills = 0;
        for (long seed = 0; seed < 50; seed++) {
            kills += nemesis(seed, plan).stream()
                    .filter(f -> f.kind().equals("kill") && f.detail().startsWith("begins: ")).count();
        }
        assertTrue(kills > 50, "kills with partitions on: " + kills);
    }

    /**
     * Under the plan's {@code kill}, each incarnation of a host that appends to a file without
     * syncing reads back every record the killed ones wrote (the page cache outlives a process);
     * under {@code crash}, some runs lose some.
     */
    @Test
    void aKilledProcessKeepsItsUnsyncedWritesWhereACrashedOneLosesSome() {
        int lostToCrashes = 0;
        int restarts = 0;
        for (long seed = 0; seed < 200; seed++) {
            for (FaultKind kind : List.of(FaultKind.KILL, FaultKind.CRASH)) {
                Simulation sim = Simulation.builder().seed(seed).faults(FaultPlan.only(kind, 1.0)).build();
                SimNetwork net = SimNetwork.builder(sim).faultHorizon(Duration.ofMillis(20)).build();
                SimStorage.install(net);
                List<Integer> readBack = new ArrayList<>();
                SimHost db = net.host("db", () -> Async.async(a -> {
                    FileHandle log = a.await(Storage.open("log", OpenOption.CREATE));
                    long size = a.await(log.size());
                    readBack.add((int) size);
                    a.await(log.write(ByteBuffer.wrap(new byte[] {'r'}), size));   // never synced
                    return a.await(Futures.pending());
                }));
                sim.blockOn(Sleep.of(Duration.ofMillis(100)));
                sim.shutdown();
                for (int i = 0; i < readBack.size(); i++) {
                    if (kind == FaultKind.KILL) {
                        assertEquals(i, readBack.get(i), "seed " + seed + ": incarnation " + (i + 1)
                                + " reads every record of the killed ones: " + readBack);
                    } else if (readBack.get(i) < i) {
                        lostToCrashes++;
                        break;
                    }
                }
                if (kind == FaultKind.KILL) {
                    restarts += db.incarnation() - 1;
                }
            }
        }
        assertTrue(restarts > 200, "kills restart the host: " + restarts);
        assertTrue(lostToCrashes > 0, "crashes lose unsynced records in some runs: " + lostToCrashes);
    }
}
