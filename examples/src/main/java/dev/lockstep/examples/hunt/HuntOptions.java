package dev.lockstep.examples.hunt;

import dev.lockstep.choice.Choices;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The parsed command line of {@code hunt}.
 *
 * @param scenario the scenario name, or empty with {@code list}
 * @param list     {@code --list}: print the scenarios and exit
 * @param runs     how many seeded runs to try
 * @param seed     the base seed; run {@code i} uses seed {@code seed + i}
 * @param fixed    run the fixed twin instead of the buggy variant
 * @param faults   fault mode: {@code none} (the scenario's own setup) or {@code swarm} (each run draws
 *                 its own fault plan, in place of the scenario's)
 * @param jobs     worker threads; each run stays on one
 * @param all      keep going after the first failure
 * @param replay   a replay string to run instead of seeds
 * @param html     where to write the HTML timeline of the failing run
 * @param shrinkTime real time allowed for shrinking each failure
 */
record HuntOptions(Optional<String> scenario, boolean list, long runs, long seed, boolean fixed, String faults,
        int jobs, boolean all, Optional<String> replay, Optional<Path> html, Duration shrinkTime) {

    static final String USAGE = """
            usage: hunt <scenario> [--runs N] [--seed S] [--fixed] [--faults swarm|none] [--jobs J] [--all]
                        [--replay STRING] [--html FILE] [--shrink-time SECONDS]
                   hunt --list
              --runs N       seeded runs to try (default 1000)
              --seed S       base seed; run i uses seed S+i (default 0)
              --fixed        hunt the fixed twin instead of the buggy variant
              --faults MODE  none (default: the scenario's own faults) or swarm (each run
                             draws its own fault plan)
              --jobs J       worker threads (default: all cores)
              --all          keep going after the first failure
              --replay STR   run one recorded schedule (a lockstep:1:... string) and report it
              --html FILE    write an HTML timeline of the failing run
              --shrink-time S  seconds allowed for shrinking each failure (default 10)
            exit code: 0 nothing failed, 1 a failure was found, 2 bad usage""";

    /** Thrown for bad usage; the message says what is wrong. */
    static final class UsageException extends Exception {
        UsageException(String message) {
            super(message);
        }
    }

    /** Whether {@code --faults swarm} was given. */
    boolean swarm() {
        return faults.equals("swarm");
    }

    static HuntOptions parse(List<String> args, int cores) throws UsageException {
        String scenario = null;
        boolean list = false;
        long runs = 1000;
        long seed = 0;
        boolean fixed = false;
        String faults = "none";
        int jobs = cores;
        boolean all = false;
        String replay = null;
        Path html = null;
        Duration shrinkTime = Duration.ofSeconds(10);
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "--list" -> list = true;
                case "--fixed" -> fixed = true;
                case "--all" -> all = true;
                case "--runs" -> runs = positiveLong(a, value(args, ++i, a));
                case "--seed" -> seed = parseLong(a, value(args, ++i, a));
                case "--jobs" -> jobs = (int) Math.min(positiveLong(a, value(args, ++i, a)), 1024);
                case "--faults" -> {
                    faults = value(args, ++i, a);
                    if (!faults.equals("none") && !faults.equals("swarm")) {
                        throw new UsageException("--faults takes 'none' or 'swarm', got '" + faults + "'");
                    }
                }
                case "--replay" -> {
                    replay = value(args, ++i, a);
                    try {
                        Choices.parse(replay);
                    } catch (IllegalArgumentException e) {
                        throw new UsageException("--replay: " + e.getMessage());
                    }
                }
                case "--html" -> html = Path.of(value(args, ++i, a));
                case "--shrink-time" -> shrinkTime = Duration.ofSeconds(positiveLong(a, value(args, ++i, a)));
                default -> {
                    if (a.startsWith("-")) {
                        throw new UsageException("unknown option '" + a + "'");
                    }
                    if (scenario != null) {
                        throw new UsageException("one scenario at a time: got '" + scenario + "' and '" + a + "'");
                    }
                    scenario = a;
                }
            }
        }
        if (!list && scenario == null) {
            throw new UsageException("no scenario given (hunt --list shows them)");
        }
        return new HuntOptions(Optional.ofNullable(scenario), list, runs, seed, fixed, faults, jobs, all,
                Optional.ofNullable(replay), Optional.ofNullable(html), shrinkTime);
    }

    private static String value(List<String> args, int i, String option) throws UsageException {
        if (i >= args.size()) {
            throw new UsageException(option + " needs a value");
        }
        return args.get(i);
    }

    private static long parseLong(String option, String text) throws UsageException {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new UsageException(option + " takes a whole number, got '" + text + "'");
        }
    }

    private static long positiveLong(String option, String text) throws UsageException {
        long v = parseLong(option, text);
        if (v < 1) {
            throw new UsageException(option + " must be at least 1, got " + v);
        }
        return v;
    }
}
