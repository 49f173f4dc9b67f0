package dev.lockstep.reactor;

import java.util.ArrayList;
import java.util.List;
import reactor.core.Disposable;

/**
 * The timed tasks a scheduler or worker still holds, so disposing it disposes them, in the order
 * they were scheduled. A task's own {@code dispose()} runs its cancel action once and forgets it.
 */
final class Tracked {
    private final List<Entry> entries = new ArrayList<>();

    /** Tracks {@code cancel}; the returned entry runs it once when disposed, never after {@link Entry#finish}. */
    Entry add(Runnable cancel) {
        Entry e = new Entry(cancel);
        entries.add(e);
        if (entries.size() > 64) {
            entries.removeIf(Entry::isDisposed);
        }
        return e;
    }

    /** Disposes every tracked task, oldest first. */
    void disposeAll() {
        List<Entry> all = new ArrayList<>(entries);
        entries.clear();
        for (Entry e : all) {
            e.dispose();
        }
    }

    /** A tracked task. */
    static final class Entry implements Disposable {
        private Runnable cancel;

        Entry(Runnable cancel) {
            this.cancel = cancel;
        }

        /** The task completed: there is nothing left to cancel. */
        void finish() {
            cancel = null;
        }

        @Override
        public void dispose() {
            Runnable c = cancel;
            cancel = null;
            if (c != null) {
                c.run();
            }
        }

        @Override
        public boolean isDisposed() {
            return cancel == null;
        }
    }
}
