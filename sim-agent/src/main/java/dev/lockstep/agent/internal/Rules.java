package dev.lockstep.agent.internal;

import dev.lockstep.agent.internal.calls.EscapeKind;
import static dev.lockstep.agent.internal.calls.EscapeKind.BLOCKING;
import static dev.lockstep.agent.internal.calls.EscapeKind.EXECUTOR;
import static dev.lockstep.agent.internal.calls.EscapeKind.NETWORK;
import static dev.lockstep.agent.internal.calls.EscapeKind.RANDOM;
import static dev.lockstep.agent.internal.calls.EscapeKind.THREAD;
import static dev.lockstep.agent.internal.calls.EscapeKind.TIME;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The call sites the agent rewrites, and the handler of each: the table behind
 * {@code docs/outside-world.md}'s "What is intercepted".
 *
 * <h2>Matching</h2>
 * A call matches by the owner named at the call site, its name and descriptor, as compiled: a call
 * through a subclass or an interface not listed here (say {@code MyPool.execute}) is not
 * rewritten. {@code Object.wait} matches on any owner, since it is final.
 *
 * <h2>Static state</h2>
 * An immutable table built when the class is first used.
 */
final class Rules {
    private static final String P = "dev/lockstep/agent/internal/calls/";
    private static final String TIME_CALLS = P + "TimeCalls";
    private static final String RANDOM_CALLS = P + "RandomCalls";
    private static final String EXECUTOR_CALLS = P + "ExecutorCalls";
    private static final String STAGE_CALLS = P + "StageCalls";
    private static final String THREAD_CALLS = P + "ThreadCalls";
    private static final String BLOCKING_CALLS = P + "BlockingCalls";
    private static final String CF = "java/util/concurrent/CompletableFuture";
    private static final String CS = "java/util/concurrent/CompletionStage";
    private static final String FUTURE = "java/util/concurrent/Future";
    private static final String QUEUE = "java/util/concurrent/BlockingQueue";
    private static final String LOCK = "java/util/concurrent/locks/Lock";

    private static final Map<String, Rule> RULES = new HashMap<>();
    /** Static rules whose handler also has a {@code <name>Ref(int site, args)} form, for method references. */
    private static final Set<String> REFERABLE = new java.util.HashSet<>();
    private static final Map<String, Rule> CONSTRUCTED = new HashMap<>();
    /** For {@link Prescan}: each owner, with the names of its rewritten methods ({@code <init>} for a constructor). */
    private static final Map<String, Set<String>> OWNERS = new java.util.LinkedHashMap<>();
    /** {@code name desc} of every instance rule, for {@link Hierarchy}'s walk. */
    private static final Set<String> INSTANCE_METHODS = new java.util.HashSet<>();

    static {
        // ------------------------------------------------------------ time
        stat(TIME, "java/lang/System", "currentTimeMillis", "()J", TIME_CALLS, "currentTimeMillis");
        stat(TIME, "java/lang/System", "nanoTime", "()J", TIME_CALLS, "nanoTime");
        stat(TIME, "java/time/Instant", "now", "()Ljava/time/Instant;", TIME_CALLS, "instantNow");
        stat(TIME, "java/time/Clock", "systemUTC", "()Ljava/time/Clock;", TIME_CALLS, "systemUTC");
        stat(TIME, "java/time/Clock", "systemDefaultZone", "()Ljava/time/Clock;", TIME_CALLS, "systemDefaultZone");
        stat(TIME, "java/time/Clock", "system", "(Ljava/time/ZoneId;)Ljava/time/Clock;", TIME_CALLS, "system");
        for (String type : List.of("LocalDateTime", "LocalDate", "LocalTime", "ZonedDateTime", "OffsetDateTime",
                "OffsetTime", "Year", "YearMonth", "MonthDay")) {
            String t = "java/time/" + type;
            stat(TIME, t, "now", "()L" + t + ";", TIME_CALLS, "now" + type);
            stat(TIME, t, "now", "(Ljava/time/ZoneId;)L" + t + ";", TIME_CALLS, "now" + type);
        }
        // ------------------------------------------------------------ randomness
        stat(RANDOM, "java/lang/Math", "random", "()D", RANDOM_CALLS, "mathRandom");
        stat(RANDOM, "java/lang/StrictMath", "random", "()D", RANDOM_CALLS, "mathRandom");
        stat(RANDOM, "java/util/UUID", "randomUUID", "()Ljava/util/UUID;", RANDOM_CALLS, "randomUUID");
        stat(RANDOM, "java/util/Collections", "shuffle", "(Ljava/util/List;)V", RANDOM_CALLS, "shuffle");
        // Every public constructor of a replaced type has a rule: its NEW is replaced before the
        // constructor's descriptor is known. A seeded Random already replays; a seeded
        // SecureRandom does not (its provider mixes in real entropy), so both of its are virtualized.
        ctor(RANDOM, "java/util/Random", "()V", P + "SimRandom");
        ctor(RANDOM, "java/util/Random", "(J)V", P + "SimRandom");
        ctor(RANDOM, "java/security/SecureRandom", "()V", P + "SimSecureRandom");
        ctor(RANDOM, "java/security/SecureRandom", "([B)V", P + "SimSecureRandom");
        String tlr = "java/util/concurrent/ThreadLocalRandom";
        for (String[] m : new String[][] {{"nextInt", "()I"}, {"nextInt", "(I)I"}, {"nextInt", "(II)I"},
                {"nextLong", "()J"}, {"nextLong", "(J)J"}, {"nextLong", "(JJ)J"}, {"nextDouble", "()D"},
                {"nextDouble", "(D)D"}, {"nextDouble", "(DD)D"}, {"nextFloat", "()F"}, {"nextFloat", "(F)F"},
                {"nextFloat", "(FF)F"}, {"nextBoolean", "()Z"}, {"nextGaussian", "()D"}, {"nextGaussian", "(DD)D"},
                {"nextExponential", "()D"}, {"nextBytes", "([B)V"}}) {
            inst(RANDOM, tlr, m[0], m[1], tlr, null, RANDOM_CALLS, m[0]);
        }
        // ------------------------------------------------------------ executors and timers
        stat(EXECUTOR, "java/util/concurrent/ForkJoinPool", "commonPool", "()Ljava/util/concurrent/ForkJoinPool;",
                EXECUTOR_CALLS, "commonPool");
        String es = "Ljava/util/concurrent/ExecutorService;";
        String ses = "Ljava/util/concurrent/ScheduledExecutorService;";
        String tf = "Ljava/util/concurrent/ThreadFactory;";
        String ex = "java/util/concurrent/Executors";
        stat(EXECUTOR, ex, "newFixedThreadPool", "(I)" + es, EXECUTOR_CALLS, "newFixedThreadPool");
        stat(EXECUTOR, ex, "newFixedThreadPool", "(I" + tf + ")" + es, EXECUTOR_CALLS, "newFixedThreadPool");
        stat(EXECUTOR, ex, "newCachedThreadPool", "()" + es, EXECUTOR_CALLS, "newCachedThreadPool");
        stat(EXECUTOR, ex, "newCachedThreadPool", "(" + tf + ")" + es, EXECUTOR_CALLS, "newCachedThreadPool");
        stat(EXECUTOR, ex, "newSingleThreadExecutor", "()" + es, EXECUTOR_CALLS, "newSingleThreadExecutor");
        stat(EXECUTOR, ex, "newSingleThreadExecutor", "(" + tf + ")" + es, EXECUTOR_CALLS, "newSingleThreadExecutor");
        stat(EXECUTOR, ex, "newWorkStealingPool", "()" + es, EXECUTOR_CALLS, "newWorkStealingPool");
        stat(EXECUTOR, ex, "newWorkStealingPool", "(I)" + es, EXECUTOR_CALLS, "newWorkStealingPool");
        stat(EXECUTOR, ex, "newVirtualThreadPerTaskExecutor", "()" + es, EXECUTOR_CALLS, "newVirtualThreadPerTaskExecutor");
        stat(EXECUTOR, ex, "newThreadPerTaskExecutor", "(" + tf + ")" + es, EXECUTOR_CALLS, "newThreadPerTaskExecutor");
        stat(EXECUTOR, ex, "newScheduledThreadPool", "(I)" + ses, EXECUTOR_CALLS, "newScheduledThreadPool");
        stat(EXECUTOR, ex, "newScheduledThreadPool", "(I" + tf + ")" + ses, EXECUTOR_CALLS, "newScheduledThreadPool");
        stat(EXECUTOR, ex, "newSingleThreadScheduledExecutor", "()" + ses, EXECUTOR_CALLS,
                "newSingleThreadScheduledExecutor");
        stat(EXECUTOR, ex, "newSingleThreadScheduledExecutor", "(" + tf + ")" + ses, EXECUTOR_CALLS,
                "newSingleThreadScheduledExecutor");
        String tpe = "java/util/concurrent/ThreadPoolExecutor";
        String bq = "Ljava/util/concurrent/BlockingQueue;";
        String reh = "Ljava/util/concurrent/RejectedExecutionHandler;";
        String unit = "Ljava/util/concurrent/TimeUnit;";
        for (String d : List.of("(IIJ" + unit + bq + ")V", "(IIJ" + unit + bq + tf + ")V",
                "(IIJ" + unit + bq + reh + ")V", "(IIJ" + unit + bq + tf + reh + ")V")) {
            ctor(EXECUTOR, tpe, d, P + "RoutingThreadPoolExecutor");
        }
        String stpe = "java/util/concurrent/ScheduledThreadPoolExecutor";
        for (String d : List.of("(I)V", "(I" + tf + ")V", "(I" + reh + ")V", "(I" + tf + reh + ")V")) {
            ctor(EXECUTOR, stpe, d, P + "RoutingScheduledThreadPoolExecutor");
        }
        String fjp = "java/util/concurrent/ForkJoinPool";
        String fjf = "Ljava/util/concurrent/ForkJoinPool$ForkJoinWorkerThreadFactory;";
        String ueh = "Ljava/lang/Thread$UncaughtExceptionHandler;";
        for (String d : List.of("()V", "(I)V", "(I" + fjf + ueh + "Z)V",
                "(I" + fjf + ueh + "ZIIILjava/util/function/Predicate;J" + unit + ")V")) {
            ctor(EXECUTOR, fjp, d, P + "RoutingNewForkJoinPool");
        }
        for (String d : List.of("()V", "(Z)V", "(Ljava/lang/String;)V", "(Ljava/lang/String;Z)V")) {
            ctor(EXECUTOR, "java/util/Timer", d, P + "RoutingTimer");
        }
        for (String[] r : new String[][] {{"java/lang/System", "currentTimeMillis", "()J"},
                {"java/lang/System", "nanoTime", "()J"}, {"java/time/Instant", "now", "()Ljava/time/Instant;"},
                {"java/lang/Math", "random", "()D"}, {"java/util/UUID", "randomUUID", "()Ljava/util/UUID;"},
                {"java/lang/Thread", "sleep", "(J)V"}}) {
            REFERABLE.add(Rule.key(r[0], r[1], r[2]));
        }
        stageRules();
        // ------------------------------------------------------------ threads
        inst(THREAD, "java/lang/Thread", "start", "()V", "java/lang/Thread", null, THREAD_CALLS, "start");
        stat(THREAD, "java/lang/Thread", "startVirtualThread", "(Ljava/lang/Runnable;)Ljava/lang/Thread;",
                THREAD_CALLS, "startVirtualThread");
        for (String b : List.of("java/lang/Thread$Builder", "java/lang/Thread$Builder$OfPlatform",
                "java/lang/Thread$Builder$OfVirtual")) {
            inst(THREAD, b, "start", "(Ljava/lang/Runnable;)Ljava/lang/Thread;", "java/lang/Thread$Builder", null,
                    THREAD_CALLS, "builderStart");
        }
        inst(THREAD, "java/util/concurrent/ForkJoinTask", "fork", "()Ljava/util/concurrent/ForkJoinTask;",
                "java/util/concurrent/ForkJoinTask", null, THREAD_CALLS, "fork");
        blockingRules();
        // ------------------------------------------------------------ network
        String sa = "Ljava/net/SocketAddress;";
        inst(NETWORK, "java/net/Socket", "connect", "(" + sa + ")V", "java/net/Socket", null, THREAD_CALLS, "connect");
        inst(NETWORK, "java/net/Socket", "connect", "(" + sa + "I)V", "java/net/Socket", null, THREAD_CALLS, "connect");
        stat(NETWORK, "java/nio/channels/SocketChannel", "open", "(" + sa + ")Ljava/nio/channels/SocketChannel;",
                THREAD_CALLS, "openChannel");
        stat(NETWORK, "java/net/http/HttpClient", "newHttpClient", "()Ljava/net/http/HttpClient;", THREAD_CALLS,
                "newHttpClient");
        inst(NETWORK, "java/net/http/HttpClient$Builder", "build", "()Ljava/net/http/HttpClient;",
                "java/net/http/HttpClient$Builder", null, THREAD_CALLS, "buildHttpClient");
    }

    private static void stageRules() {
        String sup = "Ljava/util/function/Supplier;";
        String run = "Ljava/lang/Runnable;";
        String unit = "Ljava/util/concurrent/TimeUnit;";
        String exr = "Ljava/util/concurrent/Executor;";
        stat(EXECUTOR, CF, "supplyAsync", "(" + sup + ")L" + CF + ";", STAGE_CALLS, "supplyAsync");
        stat(EXECUTOR, CF, "runAsync", "(" + run + ")L" + CF + ";", STAGE_CALLS, "runAsync");
        stat(EXECUTOR, CF, "delayedExecutor", "(J" + unit + ")" + exr, STAGE_CALLS, "delayedExecutor");
        stat(EXECUTOR, CF, "delayedExecutor", "(J" + unit + exr + ")" + exr, STAGE_CALLS, "delayedExecutor");
        inst(EXECUTOR, CF, "orTimeout", "(J" + unit + ")L" + CF + ";", CF, null, STAGE_CALLS, "orTimeout");
        inst(EXECUTOR, CF, "completeOnTimeout", "(Ljava/lang/Object;J" + unit + ")L" + CF + ";", CF, null,
                STAGE_CALLS, "completeOnTimeout");
        inst(EXECUTOR, CF, "completeAsync", "(" + sup + ")L" + CF + ";", CF, null, STAGE_CALLS, "completeAsync");
        String fn = "Ljava/util/function/Function;";
        String con = "Ljava/util/function/Consumer;";
        String bif = "Ljava/util/function/BiFunction;";
        String bic = "Ljava/util/function/BiConsumer;";
        String stage = "L" + CS + ";";
        String[][] methods = {{"thenApplyAsync", fn}, {"thenAcceptAsync", con}, {"thenRunAsync", run},
            {"thenCombineAsync", stage + bif}, {"thenAcceptBothAsync", stage + bic}, {"runAfterBothAsync", stage + run},
            {"applyToEitherAsync", stage + fn}, {"acceptEitherAsync", stage + con},
            {"runAfterEitherAsync", stage + run}, {"thenComposeAsync", fn}, {"handleAsync", bif},
            {"whenCompleteAsync", bic}, {"exceptionallyAsync", fn}, {"exceptionallyComposeAsync", fn}};
        for (String[] m : methods) {
            inst(EXECUTOR, CF, m[0], "(" + m[1] + ")L" + CF + ";", CS, stage, STAGE_CALLS, m[0]);
            inst(EXECUTOR, CS, m[0], "(" + m[1] + ")" + stage, CS, stage, STAGE_CALLS, m[0]);
        }
    }

    private static void blockingRules() {
        String unit = "Ljava/util/concurrent/TimeUnit;";
        String obj = "Ljava/lang/Object;";
        stat(BLOCKING, "java/lang/Thread", "sleep", "(J)V", BLOCKING_CALLS, "sleep");
        stat(BLOCKING, "java/lang/Thread", "sleep", "(JI)V", BLOCKING_CALLS, "sleep");
        stat(BLOCKING, "java/lang/Thread", "sleep", "(Ljava/time/Duration;)V", BLOCKING_CALLS, "sleep");
        inst(BLOCKING, "java/util/concurrent/TimeUnit", "sleep", "(J)V", "java/util/concurrent/TimeUnit", null,
                BLOCKING_CALLS, "sleep");
        inst(BLOCKING, "*", "wait", "()V", "java/lang/Object", null, BLOCKING_CALLS, "objectWait");
        inst(BLOCKING, "*", "wait", "(J)V", "java/lang/Object", null, BLOCKING_CALLS, "objectWait");
        inst(BLOCKING, "*", "wait", "(JI)V", "java/lang/Object", null, BLOCKING_CALLS, "objectWait");
        String ls = "java/util/concurrent/locks/LockSupport";
        stat(BLOCKING, ls, "park", "()V", BLOCKING_CALLS, "park");
        stat(BLOCKING, ls, "park", "(Ljava/lang/Object;)V", BLOCKING_CALLS, "park");
        stat(BLOCKING, ls, "parkNanos", "(J)V", BLOCKING_CALLS, "parkNanos");
        stat(BLOCKING, ls, "parkNanos", "(Ljava/lang/Object;J)V", BLOCKING_CALLS, "parkNanos");
        stat(BLOCKING, ls, "parkUntil", "(J)V", BLOCKING_CALLS, "parkUntil");
        stat(BLOCKING, ls, "parkUntil", "(Ljava/lang/Object;J)V", BLOCKING_CALLS, "parkUntil");
        for (String f : List.of(FUTURE, CF, "java/util/concurrent/FutureTask", "java/util/concurrent/ForkJoinTask",
                "java/util/concurrent/ScheduledFuture", "java/util/concurrent/RunnableFuture",
                "java/util/concurrent/RunnableScheduledFuture")) {
            inst(BLOCKING, f, "get", "()" + obj, FUTURE, null, BLOCKING_CALLS, "get");
            inst(BLOCKING, f, "get", "(J" + unit + ")" + obj, FUTURE, null, BLOCKING_CALLS, "get");
        }
        inst(BLOCKING, CF, "join", "()" + obj, CF, null, BLOCKING_CALLS, "join");
        inst(BLOCKING, "java/util/concurrent/ForkJoinTask", "join", "()" + obj, "java/util/concurrent/ForkJoinTask",
                null, BLOCKING_CALLS, "join");
        String cdl = "java/util/concurrent/CountDownLatch";
        inst(BLOCKING, cdl, "await", "()V", cdl, null, BLOCKING_CALLS, "await");
        inst(BLOCKING, cdl, "await", "(J" + unit + ")Z", cdl, null, BLOCKING_CALLS, "await");
        for (String q : List.of(QUEUE, "java/util/concurrent/BlockingDeque", "java/util/concurrent/TransferQueue",
                "java/util/concurrent/LinkedBlockingQueue", "java/util/concurrent/ArrayBlockingQueue",
                "java/util/concurrent/LinkedBlockingDeque", "java/util/concurrent/SynchronousQueue",
                "java/util/concurrent/PriorityBlockingQueue", "java/util/concurrent/DelayQueue",
                "java/util/concurrent/LinkedTransferQueue")) {
            inst(BLOCKING, q, "take", "()" + obj, QUEUE, null, BLOCKING_CALLS, "take");
            inst(BLOCKING, q, "put", "(" + obj + ")V", QUEUE, null, BLOCKING_CALLS, "put");
            inst(BLOCKING, q, "poll", "(J" + unit + ")" + obj, QUEUE, null, BLOCKING_CALLS, "poll");
            inst(BLOCKING, q, "offer", "(" + obj + "J" + unit + ")Z", QUEUE, null, BLOCKING_CALLS, "offer");
        }
        String sem = "java/util/concurrent/Semaphore";
        inst(BLOCKING, sem, "acquire", "()V", sem, null, BLOCKING_CALLS, "acquire");
        inst(BLOCKING, sem, "acquire", "(I)V", sem, null, BLOCKING_CALLS, "acquire");
        inst(BLOCKING, sem, "acquireUninterruptibly", "()V", sem, null, BLOCKING_CALLS, "acquireUninterruptibly");
        inst(BLOCKING, sem, "acquireUninterruptibly", "(I)V", sem, null, BLOCKING_CALLS, "acquireUninterruptibly");
        inst(BLOCKING, sem, "tryAcquire", "(J" + unit + ")Z", sem, null, BLOCKING_CALLS, "tryAcquire");
        inst(BLOCKING, sem, "tryAcquire", "(IJ" + unit + ")Z", sem, null, BLOCKING_CALLS, "tryAcquire");
        for (String l : List.of(LOCK, "java/util/concurrent/locks/ReentrantLock",
                "java/util/concurrent/locks/ReentrantReadWriteLock$ReadLock",
                "java/util/concurrent/locks/ReentrantReadWriteLock$WriteLock")) {
            inst(BLOCKING, l, "lock", "()V", LOCK, null, BLOCKING_CALLS, "lock");
            inst(BLOCKING, l, "lockInterruptibly", "()V", LOCK, null, BLOCKING_CALLS, "lockInterruptibly");
            inst(BLOCKING, l, "tryLock", "(J" + unit + ")Z", LOCK, null, BLOCKING_CALLS, "tryLock");
        }
        String cond = "java/util/concurrent/locks/Condition";
        inst(BLOCKING, cond, "await", "()V", cond, null, BLOCKING_CALLS, "conditionAwait");
        inst(BLOCKING, cond, "awaitUninterruptibly", "()V", cond, null, BLOCKING_CALLS, "conditionAwaitUninterruptibly");
        inst(BLOCKING, cond, "awaitNanos", "(J)J", cond, null, BLOCKING_CALLS, "conditionAwaitNanos");
        inst(BLOCKING, cond, "await", "(J" + unit + ")Z", cond, null, BLOCKING_CALLS, "conditionAwait");
        inst(BLOCKING, cond, "awaitUntil", "(Ljava/util/Date;)Z", cond, null, BLOCKING_CALLS, "conditionAwaitUntil");
    }

    private Rules() {
    }

    private static void stat(EscapeKind escape, String owner, String name, String desc, String handler, String method) {
        add(new Rule(Rule.Kind.STATIC, owner, name, desc, handler, method, Rule.handlerDesc(null, desc, null), null,
                escape, Rule.display(owner, name, desc)));
    }

    /**
     * An instance rule whose handler takes the receiver as {@code receiver} and returns
     * {@code returns} (the call's own return type if null), cast back to the call's if it differs.
     */
    private static void inst(EscapeKind escape, String owner, String name, String desc, String receiver,
            String returns, String handler, String method) {
        String ret = desc.substring(desc.indexOf(')') + 1);
        String cast = returns != null && !returns.equals(ret) ? ret.substring(1, ret.length() - 1) : null;
        add(new Rule(Rule.Kind.INSTANCE, owner, name, desc, handler, method, Rule.handlerDesc(receiver, desc, returns),
                cast, escape, Rule.display(owner, name, desc)));
    }

    private static void ctor(EscapeKind escape, String owner, String desc, String replacement) {
        Rule r = new Rule(Rule.Kind.CONSTRUCTOR, owner, "<init>", desc, replacement, "<init>",
                Rule.handlerDesc(null, desc, null), null, escape, Rule.display(owner, "<init>", desc));
        add(r);
        CONSTRUCTED.putIfAbsent(owner, r);
    }

    private static void add(Rule r) {
        RULES.put(r.key(), r);
        if (r.kind() == Rule.Kind.INSTANCE) {
            INSTANCE_METHODS.add(r.name() + r.desc());
        }
        OWNERS.computeIfAbsent(r.owner().equals("*") ? r.name() : r.owner(), k -> new LinkedHashSet<>())
                .add(r.name());
    }

    /** The rule for a constructor call of {@code owner} with {@code desc}, or null. */
    static Rule find(String owner, String name, String desc) {
        return RULES.get(Rule.key(owner, name, desc));
    }

    static Rule findStatic(String owner, String name, String desc) {
        Rule r = RULES.get(Rule.key(owner, name, desc));
        return r != null && r.kind() == Rule.Kind.STATIC ? r : null;
    }

    static Rule findInstance(String owner, String name, String desc) {
        Rule r = RULES.get(Rule.key(owner, name, desc));
        if (r == null) {
            r = RULES.get(Rule.key("*", name, desc));
        }
        return r != null && r.kind() == Rule.Kind.INSTANCE ? r : null;
    }

    /**
     * The static rule of a method reference ({@code System::nanoTime}, {@code Thread::sleep}) whose
     * handler has a {@code Ref} form taking the site first, or null.
     */
    static Rule findReference(String owner, String name, String desc) {
        String key = Rule.key(owner, name, desc);
        return REFERABLE.contains(key) ? findStatic(owner, name, desc) : null;
    }

    /** Whether some instance rule rewrites a method named {@code name} with {@code desc}. */
    static boolean isInstanceMethod(String name, String desc) {
        return INSTANCE_METHODS.contains(name + desc);
    }

    /** A constructor rule of {@code type} (its replacement class is what {@code NEW type} becomes), or null. */
    static Rule constructorOf(String type) {
        return CONSTRUCTED.get(type);
    }

    /**
     * What a class file must mention to hold a call to rewrite: an owner and one of its method
     * names (for {@code Object.wait}, the name alone, as its own "owner" with the name {@code wait}).
     */
    static Map<String, Set<String>> needles() {
        return OWNERS;
    }
}
