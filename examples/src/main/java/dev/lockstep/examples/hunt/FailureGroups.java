package dev.lockstep.examples.hunt;

import dev.lockstep.property.FailureSignature;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Failing runs of a hunt grouped into distinct failures.
 *
 * <h2>Key</h2>
 * Two runs are in the same group when their {@link FailureSignature}s are equal (the exception
 * types, with those a task failure wraps, and for an assertion the line it failed at) and so are
 * their message shapes ({@link #shape}): the first line of the message with every number replaced
 * by {@code #} and the contents of every {@code [...]} list left out. So "deadlock: 2 tasks are
 * blocked" and "deadlock: 3 tasks are blocked" are one failure, and so are "charged twice: [a, b]"
 * and "charged 3 times: [a, b, c]"; an assertion that fails at another line or with another
 * message is another.
 *
 * <h2>Order</h2>
 * Groups are in the order of their first run; a group's runs are in run order. The input is in
 * run order, so the grouping does not depend on the number of threads.
 */
final class FailureGroups {
    /** Message shapes are cut to this many characters. */
    static final int SHAPE_LENGTH = 160;

    /**
     * One distinct failure.
     *
     * @param signature the runs' common signature
     * @param shape     their common message shape
     * @param runs      the failing runs, first one first
     */
    record Group(FailureSignature signature, String shape, List<RunOutcome> runs) {
        Group {
            Objects.requireNonNull(signature, "signature");
            Objects.requireNonNull(shape, "shape");
            runs = List.copyOf(runs);
            if (runs.isEmpty()) {
                throw new IllegalArgumentException("a failure group has at least one run");
            }
        }

        /** The group's first run: the one that is shrunk and reported. */
        RunOutcome first() {
            return runs.get(0);
        }

        /** {@code DeadlockException: deadlock: # tasks are blocked, ...}, or the signature alone. */
        String title() {
            String sig = signature.toString();
            return shape.isEmpty() ? sig : sig + ": " + shape;
        }
    }

    private FailureGroups() {}

    /** Groups {@code failures}, which are in run order. */
    static List<Group> of(List<RunOutcome> failures) {
        Map<String, List<RunOutcome>> byKey = new LinkedHashMap<>();
        Map<String, FailureSignature> signatures = new LinkedHashMap<>();
        Map<String, String> shapes = new LinkedHashMap<>();
        for (RunOutcome f : failures) {
            FailureSignature sig = FailureSignature.of(f.failure());
            String shape = shape(f.failure());
            String key = sig.types() + "\u0000" + sig.location() + "\u0000" + shape;
            byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(f);
            signatures.putIfAbsent(key, sig);
            shapes.putIfAbsent(key, shape);
        }
        List<Group> groups = new ArrayList<>(byKey.size());
        for (Map.Entry<String, List<RunOutcome>> e : byKey.entrySet()) {
            groups.add(new Group(signatures.get(e.getKey()), shapes.get(e.getKey()), e.getValue()));
        }
        return groups;
    }

    /**
     * The shape of a failure's message: its innermost wrapped cause's message when it is a task
     * failure, first line only, numbers as {@code #}, lists as {@code [...]}, runs of spaces as one, cut to
     * {@link #SHAPE_LENGTH}.
     */
    static String shape(Throwable failure) {
        Throwable t = failure;
        while (t instanceof dev.lockstep.runtime.TaskFailedException && t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String message = t.getMessage();
        if (message == null) {
            return "";
        }
        String line = message.lines().findFirst().orElse("").strip();
        String shaped = line.replaceAll("\\d+", "#").replaceAll("\\[[^\\[\\]]*\\]", "[...]")
                .replaceAll("\\s+", " ");
        return shaped.length() <= SHAPE_LENGTH ? shaped : shaped.substring(0, SHAPE_LENGTH - 1) + "\u2026";
    }
}
