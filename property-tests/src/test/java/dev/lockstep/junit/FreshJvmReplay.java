package dev.lockstep.junit;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import java.util.Optional;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/**
 * Runs one {@code @SimTest} fixture method in this JVM, as a developer replaying a report would,
 * with whatever {@code LOCKSTEP_REPLAY} or {@code -Dlockstep.replay} the process was given. Prints
 * the failure's message and exits with 3 if it failed, prints {@code passed} and exits with 0 if not.
 *
 * <p>Arguments: the fixture class's binary name and the method name.
 */
public final class FreshJvmReplay {
    private FreshJvmReplay() {}

    public static void main(String[] args) throws ClassNotFoundException {
        Class<?> fixture = Class.forName(args[0]);
        Optional<Throwable> failure = EngineTestKit.engine("junit-jupiter")
                .selectors(selectMethod(fixture, args[1], "dev.lockstep.runtime.Simulation"))
                .configurationParameter("lockstep.fixtures", "true")
                .configurationParameter("lockstep.store", "off")
                .execute()
                .testEvents()
                .failed()
                .stream()
                .map(Event::getPayload)
                .flatMap(Optional::stream)
                .map(p -> ((TestExecutionResult) p).getThrowable())
                .flatMap(Optional::stream)
                .findFirst();
        if (failure.isPresent()) {
            System.out.println(failure.get().getMessage());
            System.exit(3);
        }
        System.out.println("passed");
        System.exit(0);
    }
}
