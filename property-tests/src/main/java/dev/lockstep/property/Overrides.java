package dev.lockstep.property;

import dev.lockstep.choice.Choices;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * Settings given from outside a test, for CI and for replaying: system properties and
 * environment variables. A system property wins over the environment variable, and both win over
 * what the test itself says; a blank value counts as unset.
 *
 * <table>
 *   <caption>Overrides</caption>
 *   <tr><th>system property</th><th>environment</th><th>value</th></tr>
 *   <tr><td>{@code lockstep.runs}</td><td>{@code LOCKSTEP_RUNS}</td><td>seeded runs over all shards</td></tr>
 *   <tr><td>{@code lockstep.seed}</td><td>{@code LOCKSTEP_SEED}</td><td>base seed, decimal or {@code 0x} hex</td></tr>
 *   <tr><td>{@code lockstep.replay}</td><td>{@code LOCKSTEP_REPLAY}</td><td>a replay string: run only it</td></tr>
 *   <tr><td>{@code lockstep.shard}</td><td>{@code LOCKSTEP_SHARD}</td><td>{@code i/n}, 0-based ({@link Shard})</td></tr>
 *   <tr><td>{@code lockstep.parallelism}</td><td>{@code LOCKSTEP_PARALLELISM}</td><td>threads per property, or {@code all} (one per core)</td></tr>
 *   <tr><td>{@code lockstep.checkDeterminism}</td><td>{@code LOCKSTEP_CHECK_DETERMINISM}</td><td>{@code true} (8 runs), {@code false}, or a number of runs</td></tr>
 *   <tr><td>{@code lockstep.shrinkTime}</td><td>{@code LOCKSTEP_SHRINK_TIME}</td><td>shrink budget ({@link DurationText})</td></tr>
 *   <tr><td>{@code lockstep.store}</td><td>{@code LOCKSTEP_STORE}</td><td>failure store directory, or {@code off}</td></tr>
 *   <tr><td>{@code lockstep.store.dir}</td><td>{@code LOCKSTEP_STORE_DIR}</td><td>failure store directory (default: the build tool's, {@code target/lockstep} or {@code build/lockstep}); {@code lockstep.store} wins</td></tr>
 *   <tr><td>{@code lockstep.build.tool}</td><td>{@code LOCKSTEP_BUILD_TOOL}</td><td>{@code maven} or {@code gradle}: the commands in reports and the default store ({@link BuildTool})</td></tr>
 * </table>
 *
 * <h2>Errors</h2>
 * An invalid value fails {@link #from} with an {@link IllegalArgumentException} naming the
 * property, the variable and the expected form: a typo in CI must not silently run the defaults.
 */
public final class Overrides {
    /** Runs re-checked when the determinism check is switched on with {@code true}. */
    public static final int DEFAULT_DETERMINISM_SAMPLE = 8;

    private final Integer runs;
    private final Long seed;
    private final String replay;
    private final Shard shard;
    private final Integer parallelism;
    private final Integer determinismSample;
    private final Duration shrinkTime;
    private final String store;
    private final Path storeDir;
    private final BuildTool buildTool;
    private final List<String> given = new ArrayList<>();

    private Overrides(Function<String, String> properties, Function<String, String> environment, int cores) {
        Reader r = new Reader(properties, environment);
        runs = r.read("runs", "a number of runs >= 0", s -> nonNegative(Integer.parseInt(s)));
        seed = r.read("seed", "a long, decimal or 0x hex", Overrides::parseSeed);
        replay = r.read("replay", "a replay string lockstep:2:... (or lockstep:1:...), or @file", s -> {
            Choices.parse(s);
            return s;
        });
        shard = r.read("shard", "index/count, 0-based, like 0/4", Shard::parse);
        parallelism = r.read("parallelism", "a number of threads >= 1, or all",
                s -> s.equalsIgnoreCase("all") ? cores : positive(Integer.parseInt(s)));
        determinismSample = r.read("checkDeterminism", "true, false, or a number of runs to re-check",
                Overrides::parseSample);
        shrinkTime = r.read("shrinkTime", "a duration like 10s or 500ms", s -> DurationText.parse(s, "shrinkTime"));
        store = r.read("store", "a directory, or off", s -> s);
        storeDir = r.read("store.dir", "a directory", Path::of);
        BuildTool tool = r.read("build.tool", "maven or gradle", BuildTool::parse);
        buildTool = tool != null ? tool : BuildTool.detect(properties, k -> null);
        given.addAll(r.given);
    }

    /** Overrides read from {@code properties} (by property name) and {@code environment} (by variable). */
    public static Overrides from(Function<String, String> properties, Function<String, String> environment) {
        return new Overrides(properties, environment, Runtime.getRuntime().availableProcessors());
    }

    /** Overrides from this JVM's system properties and environment. */
    public static Overrides fromSystem() {
        return from(System::getProperty, System::getenv);
    }

    /** No overrides. */
    public static Overrides none() {
        return from(k -> null, k -> null);
    }

    /** Applies every override that is set to {@code property}. */
    public void applyTo(Property property) {
        if (runs != null) {
            property.runs(runs);
        }
        if (seed != null) {
            property.seed(seed);
        }
        if (replay != null) {
            property.replay(replay);
        }
        if (shard != null) {
            property.shard(shard);
        }
        if (parallelism != null) {
            property.parallelism(parallelism);
        }
        if (determinismSample != null) {
            property.checkDeterminism(determinismSample);
        }
        if (shrinkTime != null) {
            property.shrinkTime(shrinkTime);
        }
    }

    /**
     * The failure store directory: {@code lockstep.store} (empty if {@code off}), else
     * {@code lockstep.store.dir}, else {@code defaultRoot}.
     */
    public Optional<Path> storeRoot(Path defaultRoot) {
        if (store == null) {
            return Optional.of(storeDir != null ? storeDir : defaultRoot);
        }
        return store.equalsIgnoreCase("off") ? Optional.empty() : Optional.of(Path.of(store));
    }

    /** The failure store directory of {@link #storeRoot(Path)} with the build tool's default ({@link BuildTool#defaultStoreRoot()}). */
    public Optional<Path> storeRoot() {
        return storeRoot(buildTool.defaultStoreRoot());
    }

    /** The build tool: {@code lockstep.build.tool} if given, else detected ({@link BuildTool#detect}). */
    public BuildTool buildTool() {
        return buildTool;
    }

    /** Whether a replay string was given. */
    public boolean hasReplay() {
        return replay != null;
    }

    /** The overrides that are set, as {@code NAME=value} (for logs). */
    public List<String> given() {
        return List.copyOf(given);
    }

    /** The environment variable of setting {@code key}: {@code LOCKSTEP_CHECK_DETERMINISM} for {@code checkDeterminism}. */
    public static String variable(String key) {
        return "LOCKSTEP_" + key.replace('.', '_').replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
    }

    private static long parseSeed(String s) {
        if (s.startsWith("0x") || s.startsWith("0X")) {
            return Long.parseUnsignedLong(s.substring(2), 16);
        }
        return Long.parseLong(s);
    }

    private static int parseSample(String s) {
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on" -> DEFAULT_DETERMINISM_SAMPLE;
            case "false", "no", "off" -> 0;
            default -> nonNegative(Integer.parseInt(s));
        };
    }

    private static int nonNegative(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("negative");
        }
        return n;
    }

    private static int positive(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("not positive");
        }
        return n;
    }

    /** Reads one setting from the property, then the variable, and names both on error. */
    private static final class Reader {
        private final Function<String, String> properties;
        private final Function<String, String> environment;
        private final List<String> given = new ArrayList<>();

        Reader(Function<String, String> properties, Function<String, String> environment) {
            this.properties = properties;
            this.environment = environment;
        }

        <T> T read(String key, String expected, Function<String, T> parse) {
            String property = "lockstep." + key;
            String variable = variable(key);
            String value = properties.apply(property);
            String from = "-D" + property;
            if (value == null || value.isBlank()) {
                value = environment.apply(variable);
                from = variable;
            }
            if (value == null || value.isBlank()) {
                return null;
            }
            String v = value.strip();
            try {
                T parsed = parse.apply(v);
                given.add(from + "=" + v);
                return parsed;
            } catch (IllegalArgumentException e) {
                // The value is echoed escaped: a control character in it cannot reach a terminal or log raw.
                throw new IllegalArgumentException(from + "=" + Choices.escape(v) + " is not valid: expected " + expected
                        + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")")
                        + "; it is read from -D" + property + " or else " + variable, e);
            }
        }
    }
}
