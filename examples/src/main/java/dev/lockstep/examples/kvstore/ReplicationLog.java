package dev.lockstep.examples.kvstore;

import dev.lockstep.examples.kvstore.KvMessage.Replicate;
import dev.lockstep.future.Future;
import dev.lockstep.future.Poll;
import dev.lockstep.future.Waker;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * The leader's log of writes and how far each follower has applied it.
 *
 * <h2>States</h2>
 * Entries are numbered from 1 in the order they were {@link #append}ed and never change. For each
 * follower the log keeps the highest index it {@linkplain #acknowledge acknowledged} (0 until the
 * first); a follower applies entries in order, so an acknowledged index means every entry up to
 * it is on that follower.
 *
 * <h2>Waker</h2>
 * {@link #awaitEntry} and {@link #awaitReplicas} keep the waker of each waiting task (one per
 * task: a newer waker of the same task replaces the older one) and wake every waiter on each
 * append or acknowledgement; a woken future checks its condition again.
 *
 * <h2>Threads</h2>
 * Confined to the leader's tasks, which the runtime polls one at a time.
 */
final class ReplicationLog {
    private final List<Replicate> entries = new ArrayList<>();
    /** Highest acknowledged index per follower name, in the order the followers were named. */
    private final Map<String, Long> acknowledged = new LinkedHashMap<>();
    /** Tasks waiting for an append or an acknowledgement. */
    private final List<Waker> waiters = new ArrayList<>();

    /** A log replicated to the followers named {@code followers}. */
    ReplicationLog(List<String> followers) {
        for (String f : followers) {
            acknowledged.put(f, 0L);
        }
    }

    /** Appends a write; returns its index. Wakes the waiters. */
    long append(String key, String value) {
        long index = entries.size() + 1;
        entries.add(new Replicate(index, key, value));
        wakeAll();
        return index;
    }

    /** The index of the last entry (0 when empty). */
    long lastIndex() {
        return entries.size();
    }

    /** Entry {@code index} (from 1). */
    Replicate entry(long index) {
        return entries.get(Math.toIntExact(index - 1));
    }

    /** The latest value written to {@code key}, if any. */
    Optional<String> get(String key) {
        for (int i = entries.size() - 1; i >= 0; i--) {
            if (entries.get(i).key().equals(key)) {
                return Optional.of(entries.get(i).value());
            }
        }
        return Optional.empty();
    }

    /** Records that {@code follower} applied every entry up to {@code index}. Wakes the waiters. */
    void acknowledge(String follower, long index) {
        acknowledged.merge(follower, index, Math::max);
        wakeAll();
    }

    /** Completes once the log holds an entry after {@code index}. */
    Future<Void> awaitEntry(long index) {
        return until(() -> lastIndex() > index);
    }

    /** Completes once at least {@code followers} followers have applied entry {@code index}. */
    Future<Void> awaitReplicas(long index, int followers) {
        return until(() -> acknowledged.values().stream().filter(i -> i >= index).count() >= followers);
    }

    private Future<Void> until(BooleanSupplier condition) {
        return cx -> {
            if (condition.getAsBoolean()) {
                return Poll.ready(null);
            }
            waiters.removeIf(w -> w.willWake(cx.waker()));
            waiters.add(cx.waker());
            return Poll.pending();
        };
    }

    private void wakeAll() {
        List<Waker> woken = new ArrayList<>(waiters);
        waiters.clear();
        for (Waker w : woken) {
            w.wake();
        }
    }

    @Override
    public String toString() {
        return "ReplicationLog[last " + lastIndex() + ", acknowledged " + acknowledged + "]";
    }
}
