package dev.lockstep.agent.internal.calls;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The registry of rewritten call sites: each rewrite passes its site's number to the handler,
 * which looks up what was called and where, for trace notes and escape reports.
 *
 * <h2>Static state</h2>
 * An append-only table for the JVM: a class rewritten twice (retransformed) registers its sites
 * again. Entries are immutable; a number means nothing outside this JVM and never reaches a trace.
 * Registration is synchronized; lookups read a volatile array.
 */
public final class CallSites {
    /**
     * One call site.
     *
     * @param note the trace note of a call virtualized here, made once per site so that a run
     *             notes it without building it, and the trace hash reads its cached hash code
     */
    public record Site(String call, String site, EscapeKind escape, String note) {
        Site(String call, String site, EscapeKind escape) {
            this(call, site, escape, "escape virtualized: " + call + " at " + site);
        }
    }

    private static final Object LOCK = new Object();
    private static volatile Site[] sites = new Site[1024];
    private static int count;
    /** Sites found by walking the stack ({@link #caller}), by call and frame. */
    private static final Map<String, Integer> BY_CALLER = new ConcurrentHashMap<>();
    private static final StackWalker WALKER = StackWalker.getInstance();

    private CallSites() {
    }

    public static int register(String call, String site, EscapeKind escape) {
        synchronized (LOCK) {
            if (count == sites.length) {
                sites = Arrays.copyOf(sites, count * 2);
            }
            sites[count] = new Site(call, site, escape);
            return count++;
        }
    }

    public static Site get(int number) {
        Site s = sites[number];
        if (s == null) {
            // A rewrite registers before its class is defined, so this is a torn read of the array
            // being grown: take the lock once.
            synchronized (LOCK) {
                s = sites[number];
            }
        }
        return s;
    }

    /**
     * The site of the code that called into the JDK or Lockstep on the way here: the first frame
     * on the stack outside {@code java.}, {@code jdk.}, {@code sun.}, {@code com.sun.} and
     * {@code dev.lockstep.}, registered once per call and frame. For calls that reach a routing
     * executor, whose own call site (such as a library's {@code executor.execute(..)}) is not
     * rewritten.
     */
    static int caller(String call, EscapeKind escape) {
        String site = WALKER.walk(frames -> frames
                .filter(f -> !isInternal(f.getClassName()))
                .findFirst()
                .map(f -> f.getClassName() + "." + f.getMethodName() + "(" + f.getFileName() + ":" + f.getLineNumber() + ")")
                .orElse("an unknown caller"));
        return BY_CALLER.computeIfAbsent(call + " at " + site, k -> register(call, site, escape));
    }

    private static boolean isInternal(String cls) {
        return cls.startsWith("java.") || cls.startsWith("jdk.") || cls.startsWith("sun.") || cls.startsWith("com.sun.")
                || cls.startsWith("dev.lockstep.");
    }

    /** How many sites were rewritten in this JVM. */
    public static int count() {
        synchronized (LOCK) {
            return count;
        }
    }
}
