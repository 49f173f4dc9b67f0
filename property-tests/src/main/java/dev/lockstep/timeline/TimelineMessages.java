package dev.lockstep.timeline;

import dev.lockstep.timeline.TimelineModel.Arrow;
import dev.lockstep.timeline.TimelineModel.ArrowKind;
import dev.lockstep.trace.TraceEvent;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Pairs network sends with their deliveries and drops, as arrows between host lanes (positions on
 * the step axis; the layout adds those on the time axis).
 *
 * <h2>Matching</h2>
 * A {@code Net} event's {@code host -> peer} is the direction of the traffic, for sends,
 * deliveries and drops alike. A delivery takes the oldest unmatched send of the same direction
 * with the same {@code detail} (the connection or datagram label) and size; failing that, the
 * oldest with the same detail; failing that, the oldest of that direction. A drop, whose detail
 * is the send's label followed by {@code ": reason"}, takes the oldest send of the same direction
 * whose detail begins its own, preferring the same size; a drop with no such send (a SYN to a
 * crashed host) gets no arrow. A {@code duplicate} queues one more copy of the latest matching
 * send, so both deliveries get arrows. Sends still unmatched at the end are in flight.
 *
 * <h2>Determinism</h2>
 * Queues are looked up by direction and never iterated as a map.
 */
final class TimelineMessages {
    /** A send not yet matched. */
    private record Sent(int event, double x, int lane, String detail, int bytes, String from, String to) {}

    /** Unmatched sends by {@code from + "\0" + to}, oldest first. */
    private final Map<String, ArrayDeque<Sent>> pending = new HashMap<>();
    /** Every send in order, to list those in flight at the end in a stable order. */
    private final List<Sent> sends = new ArrayList<>();
    private final List<Arrow> arrows = new ArrayList<>();

    /**
     * Records network event {@code net}, shown as event {@code event} at {@code x} on {@code lane}.
     */
    void add(TraceEvent.Net net, int event, double x, int lane) {
        String key = net.host() + "\0" + net.peer();
        switch (net.kind()) {
            case "send" -> {
                Sent s = new Sent(event, x, lane, net.detail(), net.bytes(), net.host(), net.peer());
                pending.computeIfAbsent(key, k -> new ArrayDeque<>()).add(s);
                sends.add(s);
            }
            case "duplicate" -> {
                Sent original = latest(key, net.detail());
                if (original != null) {
                    pending.get(key).add(original);
                }
            }
            case "deliver" -> {
                Sent s = takeForDelivery(key, net);
                if (s != null) {
                    arrows.add(new Arrow(ArrowKind.MESSAGE, s.lane(), s.x(), lane, x, size(net.bytes()), event, 0, 0));
                }
            }
            case "drop" -> {
                Sent s = takeForDrop(key, net);
                if (s != null) {
                    arrows.add(new Arrow(ArrowKind.DROP, s.lane(), s.x(), lane, x, size(net.bytes()), event, 0, 0));
                }
            }
            default -> { }
        }
    }

    /**
     * The arrows so far, plus one per send still in flight, from the send to {@code endX} on the
     * receiver's lane as given by {@code laneOfHost}.
     */
    List<Arrow> arrows(double endX, java.util.function.ToIntFunction<String> laneOfHost) {
        List<Arrow> out = new ArrayList<>(arrows);
        for (Sent s : sends) {
            ArrayDeque<Sent> q = pending.get(s.from() + "\0" + s.to());
            if (q != null && q.contains(s)) {
                out.add(new Arrow(ArrowKind.IN_FLIGHT, s.lane(), s.x(), laneOfHost.applyAsInt(s.to()), endX,
                        size(s.bytes()), s.event(), 0, 0));
            }
        }
        return out;
    }

    private Sent takeForDelivery(String key, TraceEvent.Net net) {
        ArrayDeque<Sent> q = pending.get(key);
        if (q == null || q.isEmpty()) {
            return null;
        }
        Sent s = take(q, c -> c.detail().equals(net.detail()) && c.bytes() == net.bytes());
        if (s == null) {
            s = take(q, c -> c.detail().equals(net.detail()));
        }
        return s != null ? s : q.poll();
    }

    private Sent takeForDrop(String key, TraceEvent.Net net) {
        ArrayDeque<Sent> q = pending.get(key);
        if (q == null || q.isEmpty()) {
            return null;
        }
        Sent s = take(q, c -> net.detail().startsWith(c.detail()) && c.bytes() == net.bytes());
        return s != null ? s : take(q, c -> net.detail().startsWith(c.detail()));
    }

    private Sent latest(String key, String detail) {
        Sent found = null;
        for (Sent s : sends) {
            if ((s.from() + "\0" + s.to()).equals(key) && s.detail().equals(detail)) {
                found = s;
            }
        }
        return found != null && pending.containsKey(key) ? found : null;
    }

    private static Sent take(ArrayDeque<Sent> q, java.util.function.Predicate<Sent> match) {
        for (Iterator<Sent> it = q.iterator(); it.hasNext(); ) {
            Sent s = it.next();
            if (match.test(s)) {
                it.remove();
                return s;
            }
        }
        return null;
    }

    private static String size(int bytes) {
        return bytes > 0 ? bytes + " B" : "";
    }
}
