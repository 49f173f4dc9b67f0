package dev.lockstep.io.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.fault.FaultKind;
import dev.lockstep.fault.FaultPlan;
import dev.lockstep.future.Futures;
import dev.lockstep.runtime.Simulation;
import dev.lockstep.time.Sleep;
import dev.lockstep.trace.TraceEvent;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The plan's network faults on a {@link SimNetwork}: where partitions cut and what crashes. */
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
}
