package dev.lockstep.junit;

import dev.lockstep.fault.FaultPlan;
import dev.lockstep.property.DurationText;
import dev.lockstep.property.FailureStore;
import dev.lockstep.property.Overrides;
import dev.lockstep.property.Property;
import dev.lockstep.property.PropertyResult;
import dev.lockstep.property.RunSeeds;
import dev.lockstep.property.Scenario;
import dev.lockstep.runtime.EscapePolicy;
import dev.lockstep.runtime.Simulation;
import dev.lockstep.schedule.Scheduler;
import dev.lockstep.schedule.SearchReport;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Runs a {@link SimTest} method as a property.
 *
 * <h2>How</h2>
 * JUnit resolves the method's parameters once; this extension answers the {@code Simulation}
 * and run-index parameters with placeholders, then intercepts the single invocation, skips it,
 * and instead checks a {@link Property} whose scenario calls the method with each run's own
 * simulation and index (other parameters, resolved by other extensions, are passed through). The
 * result is published as a report entry {@code lockstep}; a failure is thrown as the
 * {@link dev.lockstep.property.LockstepFailure} of {@link PropertyResult#assertPassed()}.
 *
 * <h2>Settings</h2>
 * Annotation attributes, then overrides read from JUnit configuration parameters (which include
 * system properties) and environment variables, as {@link Overrides} lists them. The failure
 * store is {@code lockstep} in the build tool's build directory under the working directory
 * ({@code target/lockstep} for Maven, {@code build/lockstep} for Gradle, see
 * {@link dev.lockstep.property.BuildTool}) unless {@code lockstep.store.dir} or {@code lockstep.store}
 * says otherwise.
 */
public final class SimTestExtension implements ParameterResolver, InvocationInterceptor {
    /** Where failure stores go by default under Maven, relative to the working directory (the module); Gradle's is {@code build/lockstep}. */
    public static final Path DEFAULT_STORE_ROOT = Path.of("target", "lockstep");

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == Simulation.class || type == int.class || type == Integer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        // Placeholders: each run gets its own simulation and index in interceptTestMethod.
        return parameter.getParameter().getType() == Simulation.class ? null : 0;
    }

    @Override
    public void interceptTestMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> invocationContext,
            ExtensionContext context) {
        invocation.skip();
        Method method = invocationContext.getExecutable();
        SimTest annotation = AnnotationSupport.findAnnotation(method, SimTest.class)
                .orElseThrow(() -> new ExtensionConfigurationException(method + " is not annotated @SimTest"));
        String where = "@SimTest on " + method.getDeclaringClass().getName() + "#" + method.getName();
        Scenario scenario = scenario(method, invocationContext.getTarget().orElse(null),
                invocationContext.getArguments(), where);
        if (annotation.search().equals("dfs") && annotation.replay().isBlank()) {
            search(annotation, context, scenario, where);
            return;
        }
        if (!annotation.search().equals("random") && !annotation.search().equals("dfs")) {
            throw new ExtensionConfigurationException(where + ": search must be \"random\" or \"dfs\", got \""
                    + annotation.search() + "\"");
        }
        Overrides overrides = overrides(context, where);
        Duration pollTimeout = pollTimeout(annotation, where);
        StuckRunGuard guard = new StuckRunGuard(where, pollTimeout);
        Property property = property(annotation, method, context, scenario, overrides, where, guard);
        PropertyResult result = guard.run(property::check);
        context.publishReportEntry("lockstep", result.summary());
        result.assertPassed(overrides.buildTool());
    }

    /** {@code search = "dfs"}: the bounded exhaustive search of {@code Simulation.Builder.search}. */
    private static void search(SimTest annotation, ExtensionContext context, Scenario scenario, String where) {
        SearchReport report;
        try {
            FaultPlan faults = parseAttribute("faults", annotation.faults(), FaultPlan::parse);
            Simulation.Builder builder = Simulation.builder().faults(faults).maxSteps(annotation.maxSteps());
            Duration virtualTimeLimit = virtualTimeLimit(annotation);
            if (virtualTimeLimit != null) {
                builder.maxVirtualTime(virtualTimeLimit);
            }
            int[] run = {0};
            report = builder.search(annotation.maxPreemptions(), annotation.runs(), sim -> {
                try {
                    scenario.run(sim, run[0]++);
                } catch (RuntimeException | Error e) {
                    throw e;
                } catch (Throwable t) {
                    throw new RuntimeException(t);
                }
            });
        } catch (IllegalArgumentException e) {
            throw new ExtensionConfigurationException(where + ": " + e.getMessage(), e);
        }
        context.publishReportEntry("lockstep", report.toString());
        if (report.failed()) {
            throw new AssertionError(where + ": " + report + "\n  replay it with @SimTest(replay = \""
                    + report.replay() + "\", scheduler = \"" + report.replayScheduler() + "\")", report.failure());
        }
    }

    private static Scenario scenario(Method method, Object target, List<Object> resolved, String where) {
        Class<?>[] types = method.getParameterTypes();
        int simulation = -1;
        int runIndex = -1;
        for (int i = 0; i < types.length; i++) {
            if (types[i] == Simulation.class && simulation < 0) {
                simulation = i;
            } else if ((types[i] == int.class || types[i] == Integer.class) && runIndex < 0) {
                runIndex = i;
            }
        }
        if (simulation < 0) {
            throw new ExtensionConfigurationException(where + ": the method must take a Simulation parameter"
                    + " (and optionally an int, the run index)");
        }
        method.setAccessible(true);
        Object[] template = resolved.toArray();
        int simAt = simulation;
        int runAt = runIndex;
        return (sim, run) -> {
            Object[] args = template.clone();
            args[simAt] = sim;
            if (runAt >= 0) {
                args[runAt] = run;
            }
            try {
                method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
    }

    private static Overrides overrides(ExtensionContext context, String where) {
        boolean ignoreEnvironment = context.getConfigurationParameter("lockstep.ignoreEnvironment")
                .map(Boolean::parseBoolean).orElse(false);
        try {
            return Overrides.from(key -> context.getConfigurationParameter(key).orElse(null),
                    ignoreEnvironment ? key -> null : System::getenv);
        } catch (IllegalArgumentException e) {
            throw new ExtensionConfigurationException(where + ": " + e.getMessage(), e);
        }
    }

    /** The poll timeout of {@code annotation}, or null for {@code "off"}. */
    private static Duration pollTimeout(SimTest annotation, String where) {
        String text = annotation.pollTimeout().strip();
        if (text.equalsIgnoreCase("off")) {
            return null;
        }
        try {
            return DurationText.parse(text, "pollTimeout");
        } catch (IllegalArgumentException e) {
            throw new ExtensionConfigurationException(where + ": " + e.getMessage() + " (or \"off\")", e);
        }
    }

    /** The property for one {@code @SimTest} method; the place later settings (a fault plan) plug in. */
    private static Property property(SimTest annotation, Method method, ExtensionContext context, Scenario scenario,
            Overrides overrides, String where, StuckRunGuard guard) {
        Class<?> testClass = context.getRequiredTestClass();
        String className = testClass.getName();
        String name = className.substring(className.lastIndexOf('.') + 1) + "#" + method.getName();
        try {
            FaultPlan faults = parseAttribute("faults", annotation.faults(), FaultPlan::parse);
            Scheduler scheduler = parseAttribute("scheduler", annotation.scheduler(), Scheduler::parse);
            EscapePolicy escapes = parseAttribute("escapes", annotation.escapes(), EscapePolicy::parse);
            Duration virtualTimeLimit = virtualTimeLimit(annotation);
            Property property = Property.of(name, scenario)
                    .customise(b -> {
                        // Only attributes the test sets are explicit: a replay string's setup must agree
                        // with them, and fills in the rest.
                        if (!faults.isNone()) {
                            b.faults(faults);
                        }
                        if (!(scheduler instanceof Scheduler.Uniform)) {
                            b.scheduler(scheduler);
                        }
                        guard.watch(b.escapes(escapes));
                    })
                    .runs(annotation.runs())
                    .seed(annotation.seed() == SimTest.SEED_FROM_NAME
                            ? RunSeeds.fromName(className + "#" + method.getName()) : annotation.seed())
                    .replay(annotation.replay().isBlank() ? null : annotation.replay().strip())
                    .maxSteps(annotation.maxSteps())
                    .livelockSteps(annotation.livelockSteps())
                    .maxVirtualTime(virtualTimeLimit != null ? virtualTimeLimit : Duration.ofNanos(Long.MAX_VALUE))
                    .shrinkTime(DurationText.parse(annotation.shrinkTime(), "shrinkTime"))
                    .parallelism(annotation.parallelism())
                    .warnings(message -> {
                        System.err.println(message);
                        context.publishReportEntry("lockstep.warning", message);
                    })
                    .apply(overrides);
            overrides.storeRoot()
                    .ifPresent(root -> property.store(FailureStore.defaultFile(root, className, signature(method))));
            property.settings(); // validates now, so a bad attribute is reported against the annotation
            return property;
        } catch (IllegalArgumentException e) {
            throw new ExtensionConfigurationException(where + ": " + e.getMessage(), e);
        }
    }

    /**
     * The virtual time limit of each run: {@code maxVirtualTime} or its alias {@code timeLimit}, or
     * null when neither is set.
     *
     * @throws IllegalArgumentException if one does not parse, or both are set to different limits
     */
    private static Duration virtualTimeLimit(SimTest annotation) {
        Duration max = annotation.maxVirtualTime().isBlank() ? null
                : DurationText.parse(annotation.maxVirtualTime(), "maxVirtualTime");
        Duration alias = annotation.timeLimit().isBlank() ? null
                : DurationText.parse(annotation.timeLimit(), "timeLimit");
        if (max != null && alias != null && !max.equals(alias)) {
            throw new IllegalArgumentException("maxVirtualTime = \"" + annotation.maxVirtualTime() + "\" and timeLimit = \""
                    + annotation.timeLimit() + "\" are two names of one limit and disagree; set one of them");
        }
        return max != null ? max : alias;
    }

    private static <T> T parseAttribute(String attribute, String text, java.util.function.Function<String, T> parse) {
        try {
            return parse.apply(text);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(attribute + ": " + e.getMessage(), e);
        }
    }

    /** {@code name(ParamType, ...)}: what tells overloads apart in the failure store's file name. */
    private static String signature(Method method) {
        StringBuilder sb = new StringBuilder(method.getName()).append('(');
        Class<?>[] types = method.getParameterTypes();
        for (int i = 0; i < types.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(types[i].getName());
        }
        return sb.append(')').toString();
    }
}
