package dev.lockstep.examples.hunt;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.examples.Scenario;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A swarm failure shrinks as far as the targeted one: for every planted bug of the hunt's suite,
 * {@code ./hunt <scenario> --runs 300} (the scenario's own plan) and the same with
 * {@code --faults swarm} (seed 0) end within two choices of each other, the swarm shrink having
 * dropped the faults its bug does not need. Each case prints its row of the table in
 * docs/faults.md ("Shrinking a swarm failure"), which is pasted from this output.
 */
class SwarmShrinkTest {
    private static final Pattern SHRUNK =
            Pattern.compile("(?m)^shrunk: +(\\d+) choices -> (\\d+) choices in (\\d+) runs \\(([^)]*)\\)$");
    private static final Pattern FAULTS = Pattern.compile("(?m)^faults: +(faults\\[[^\\]]*\\])");

    /** The choices a swarm shrink may keep beyond the targeted shrink of the same bug. */
    private static final int SLACK = 2;

    @TempDir
    Path dir;

    static Stream<String> scenarios() {
        return Scenarios.all().stream().map(Scenario::name);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void aSwarmShrinkEndsWithinTwoChoicesOfTheTargetedShrink(String scenario) throws InterruptedException {
        Shrink targeted = hunt(scenario, "none");
        Shrink swarm = hunt(scenario, "swarm");
        String plan = targeted.plan().equals("faults[none]") ? "none"
                : "`" + targeted.plan().replaceAll("^faults\\[|\\]$", "") + "`";
        System.out.printf("| `%s` | %s | %d | %d | `%s` |%n", scenario, plan, targeted.choices(), swarm.choices(),
                swarm.plan());
        assertTrue(swarm.choices() <= targeted.choices() + SLACK, scenario + ": swarm shrank to " + swarm.choices()
                + " choices (" + swarm.plan() + "), the scenario's plan to " + targeted.choices());
    }

    /** One hunt's shrink: its length and the plan it ended with. */
    private record Shrink(int choices, String plan) {}

    private Shrink hunt(String scenario, String faults) throws InterruptedException {
        // The shrink converges well within the budget on an idle machine; a generous one keeps a loaded
        // machine from cutting it short (the result of a converged shrink does not depend on time).
        HuntRun run = HuntRun.in(dir, scenario, "--runs", "300", "--faults", faults, "--shrink-time", "120");
        Matcher shrunk = SHRUNK.matcher(run.out());
        assertTrue(shrunk.find(), run.toString());
        assertFalse(shrunk.group(4).contains("time budget reached"),
                "the shrink must end before its budget for the figures to hold: " + shrunk.group());
        Matcher plan = FAULTS.matcher(run.out());
        return new Shrink(Integer.parseInt(shrunk.group(2)), plan.find() ? plan.group(1) : "faults[none]");
    }
}
