package dev.lockstep.runtime;

/**
 * Runs the rest of a {@code blockOn} on a virtual thread while the calling platform thread waits
 * for it: what keeps the virtual-thread backend of async bodies cheap on a busy machine.
 *
 * <p>On that backend each await hands the simulation's baton to the body's virtual thread and
 * back. From a platform thread, each of the two hand-offs is an OS-level wake-up of another
 * thread, and with more runnable threads than cores each waits for a time slice (tens to hundreds
 * of microseconds). From a virtual thread, unparking the body pushes it onto the local queue of
 * the carrier doing the unparking, and parking the driver frees that carrier to run it next: both
 * sides take turns on one carrier with no OS-level hand-off, and nothing spins.
 *
 * <h2>When</h2>
 * {@code blockOn} starts on the caller's thread and moves here between two polls, once a body of
 * the virtual-thread backend has taken the baton from a platform thread
 * ({@link ForeignThreads#wantsVirtualDriver}): runs that await nothing on that backend never pay
 * for the extra thread, and the first await of a run is the only one made from the platform
 * thread. A {@code blockOn} already on a virtual thread stays there.
 *
 * <h2>Determinism</h2>
 * Only the thread changes: the same loop goes on with the same state, drawing the same choices,
 * so runs keep their trace hashes. The driver is named as the caller, so messages that name the
 * simulation's thread read the same.
 *
 * <h2>Threads</h2>
 * One driver per moved {@code blockOn}, ended when the loop returns or throws (no thread outlives
 * the run). An interrupt of the waiting caller is passed to the driver (a poll blocked in an
 * interruptible call is freed as before); the caller's interrupt status afterwards is the
 * driver's at its end. A poll that never returns keeps its carrier busy (an abandoned run on a
 * platform thread kept that thread).
 *
 * <h2>Errors</h2>
 * What the loop throws is rethrown unchanged on the caller's thread; its stack shows the
 * driver's frames.
 */
final class VirtualDriver {
    private VirtualDriver() {
    }

    /** Runs {@code loop} on a new virtual thread and waits for it; rethrows what it threw. */
    static void run(Runnable loop) {
        Thread caller = Thread.currentThread();
        Throwable[] thrown = new Throwable[1];
        boolean[] interruptedAtEnd = new boolean[1];
        Thread driver = Thread.ofVirtual().name(caller.getName()).unstarted(() -> {
            try {
                loop.run();
            } catch (Throwable e) {
                thrown[0] = e;
            } finally {
                interruptedAtEnd[0] = Thread.currentThread().isInterrupted();
            }
        });
        boolean pending = Thread.interrupted();
        driver.start();
        if (pending) {
            driver.interrupt();
        }
        while (true) {
            try {
                driver.join();   // happens-before: everything the driver wrote, thrown[0] included
                break;
            } catch (InterruptedException e) {
                driver.interrupt();
            }
        }
        if (interruptedAtEnd[0]) {
            caller.interrupt();
        }
        if (thrown[0] != null) {
            throw VirtualDriver.<RuntimeException>unchanged(thrown[0]);
        }
    }

    /** Throws {@code e} as it is, checked or not (a future may throw a checked exception from poll). */
    @SuppressWarnings("unchecked")
    private static <E extends Throwable> E unchanged(Throwable e) throws E {
        throw (E) e;
    }
}
