package dev.lockstep.examples.hunt;

import dev.lockstep.choice.Choices;
import java.io.File;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The parsed command line of {@code hunt}.
 *
 * <h2>Paths</h2>
 * Every path ({@code --html}, {@code --trace-json}, {@code --classpath} entries) is resolved
 * against the working directory given to {@link #parse}: the directory the command was started
 * from.
 *
 * @param scenario    a built-in scenario's name, or empty
 * @param scenarioClass a user scenario's class name ({@code --scenario}), or empty
 * @param classpath   where to find the user scenario, absolute ({@code --classpath}), in order
 * @param classpathText {@code --classpath} as given, for the replay command; empty without it
 * @param list        {@code --list}: print the scenarios and exit
 * @param help        {@code --help}: print the usage and exit
 * @param runs        how many seeded runs to try
 * @param seed        the base seed; run {@code i} uses seed {@code seed + i}
 * @param fixed       run the fixed twin instead of the buggy variant
 * @param faults      fault mode: {@code none} (the scenario's own setup) or {@code swarm} (each run
 *                    draws its own fault plan, in place of the scenario's)
 * @param jobs        worker threads; each run stays on one
 * @param maxFailures how many failing runs to collect before stopping: 1 by default, unlimited
 *                    with {@code --all}, {@code N} with {@code --max-failures N}
 * @param replay      a replay string to run instead of seeds
 * @param html        where to write the HTML timeline of the (first) reported run
 * @param traceJson   where to write the Chrome trace-event JSON of the (first) reported run
 * @param shrinkTime  real time allowed for shrinking each failure
 */
record HuntOptions(Optional<String> scenario, Optional<String> scenarioClass, List<Path> classpath,
        String classpathText, boolean list, boolean help, long runs, long seed, boolean fixed, String faults,
        int jobs, int maxFailures, Optional<String> replay, Optional<Path> html, Optional<Path> traceJson,
        Duration shrinkTime) {

    static final String USAGE = """
            usage: hunt <scenario> [options]
                   hunt --scenario CLASS --classpath PATH [options]
                   hunt --list | --help
              <scenario>         a built-in scenario (hunt --list shows them)
              --scenario CLASS   your own scenario: a public class with a public no-argument
                                 constructor implementing dev.lockstep.property.Scenario
              --classpath PATH   where CLASS and what it needs are: directories and jars,
                                 separated by '%1$s'
              --runs N           seeded runs to try (default 1000)
              --seed S           base seed; run i uses seed S+i (default 0)
              --fixed            hunt the fixed twin of a built-in scenario instead of its bug
              --faults MODE      none (default: the scenario's own faults) or swarm (each run
                                 draws its own fault plan)
              --jobs J           worker threads (default: all cores)
              --all              keep going after the first failure; failures are grouped by
                                 signature and each group is reported once
              --max-failures N   stop after N failing runs, grouped as with --all (N = 1: the
                                 usual single report)
              --replay STR       run one recorded schedule (a lockstep:2:... or lockstep:1:... string, or @file) and report it
              --html FILE        write an HTML timeline of the reported run
              --trace-json FILE  write the reported run as Chrome trace-event JSON (Perfetto UI,
                                 chrome://tracing)
              --shrink-time S    seconds allowed for shrinking each failure (default 10)
              --list             list the built-in scenarios
              --help             print this text
            exit code: 0 nothing failed, 1 a failure was found, 2 bad usage""".formatted(File.pathSeparator);

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

    /** Whether more than the first failure is collected ({@code --all} or {@code --max-failures}). */
    boolean grouped() {
        return maxFailures > 1;
    }

    /**
     * Parses {@code args}.
     *
     * @param cores       the default for {@code --jobs}
     * @param workingDir  what relative paths are relative to
     * @throws UsageException when the command line is not valid; its message says why
     */
    static HuntOptions parse(List<String> args, int cores, Path workingDir) throws UsageException {
        if (args.isEmpty()) {
            throw new UsageException("no scenario given (hunt --list shows them, hunt --help the options)");
        }
        String scenario = null;
        String scenarioClass = null;
        String classpathText = null;
        boolean list = false;
        boolean help = false;
        long runs = 1000;
        long seed = 0;
        boolean fixed = false;
        String faults = "none";
        int jobs = cores;
        boolean all = false;
        Integer maxFailures = null;
        String replay = null;
        Path html = null;
        Path traceJson = null;
        Duration shrinkTime = Duration.ofSeconds(10);
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "--list" -> list = true;
                case "--help", "-h" -> help = true;
                case "--fixed" -> fixed = true;
                case "--all" -> all = true;
                case "--runs" -> runs = positiveLong(a, value(args, ++i, a));
                case "--seed" -> seed = parseLong(a, value(args, ++i, a));
                case "--jobs" -> jobs = (int) Math.min(positiveLong(a, value(args, ++i, a)), 1024);
                case "--max-failures" -> maxFailures = (int) Math.min(positiveLong(a, value(args, ++i, a)),
                        Integer.MAX_VALUE);
                case "--faults" -> {
                    faults = value(args, ++i, a);
                    if (!faults.equals("none") && !faults.equals("swarm")) {
                        throw new UsageException("--faults takes 'none' or 'swarm', got '" + faults + "'");
                    }
                }
                case "--replay" -> {
                    replay = value(args, ++i, a).strip();
                    if (replay.startsWith("@") && !replay.contains("lockstep:")) {
                        replay = "@" + path(a, replay.substring(1), workingDir); // a file, from the caller's directory
                    }
                    try {
                        Choices.parse(replay);
                    } catch (IllegalArgumentException e) {
                        throw new UsageException("--replay: " + e.getMessage());
                    }
                }
                case "--html" -> html = path(a, value(args, ++i, a), workingDir);
                case "--trace-json" -> traceJson = path(a, value(args, ++i, a), workingDir);
                case "--shrink-time" -> shrinkTime = Duration.ofSeconds(positiveLong(a, value(args, ++i, a)));
                case "--scenario" -> {
                    String c = value(args, ++i, a);
                    if (scenarioClass != null) {
                        throw new UsageException("--scenario given twice: '" + scenarioClass + "' and '" + c + "'");
                    }
                    scenarioClass = c;
                }
                case "--classpath", "-cp" -> {
                    String c = value(args, ++i, a);
                    classpathText = classpathText == null ? c : classpathText + File.pathSeparator + c;
                }
                default -> {
                    if (a.startsWith("-")) {
                        throw new UsageException("unknown option '" + a + "' (hunt --help lists the options)");
                    }
                    if (scenario != null) {
                        throw new UsageException("one scenario at a time: got '" + scenario + "' and '" + a + "'");
                    }
                    scenario = a;
                }
            }
        }
        if (scenario != null && scenarioClass != null) {
            throw new UsageException("give a built-in scenario or --scenario CLASS, not both: got '" + scenario
                    + "' and --scenario " + scenarioClass);
        }
        if (classpathText != null && scenarioClass == null) {
            throw new UsageException("--classpath is for --scenario CLASS, and no --scenario was given");
        }
        if (fixed && scenarioClass != null) {
            throw new UsageException("--fixed runs the fixed twin of a built-in scenario; --scenario "
                    + scenarioClass + " has none");
        }
        if (!list && !help && scenario == null && scenarioClass == null) {
            throw new UsageException("no scenario given (hunt --list shows them, hunt --help the options)");
        }
        if (replay != null && (all || maxFailures != null)) {
            throw new UsageException("--replay runs one schedule; --all and --max-failures are for a hunt over seeds");
        }
        int limit = maxFailures != null ? maxFailures : all ? Integer.MAX_VALUE : 1;
        return new HuntOptions(Optional.ofNullable(scenario), Optional.ofNullable(scenarioClass),
                classpath(classpathText, workingDir), classpathText == null ? "" : classpathText, list, help, runs,
                seed, fixed, faults, jobs, limit, Optional.ofNullable(replay), Optional.ofNullable(html),
                Optional.ofNullable(traceJson), shrinkTime);
    }

    private static List<Path> classpath(String text, Path workingDir) throws UsageException {
        List<Path> out = new ArrayList<>();
        if (text == null) {
            return out;
        }
        for (String entry : text.split(java.util.regex.Pattern.quote(File.pathSeparator))) {
            if (!entry.isEmpty()) {
                out.add(path("--classpath", entry, workingDir));
            }
        }
        if (out.isEmpty()) {
            throw new UsageException("--classpath is empty");
        }
        return List.copyOf(out);
    }

    private static Path path(String option, String text, Path workingDir) throws UsageException {
        if (text.isEmpty()) {
            throw new UsageException(option + " needs a file name, got ''");
        }
        try {
            return workingDir.resolve(text).normalize();
        } catch (InvalidPathException e) {
            throw new UsageException(option + ": not a valid path '" + text + "': " + e.getReason());
        }
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
