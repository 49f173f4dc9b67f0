package dev.lockstep.io.nio;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.future.Either;
import dev.lockstep.future.Futures;
import dev.lockstep.future.JoinHandle;
import dev.lockstep.future.Poll;
import dev.lockstep.future.TimerRegistration;
import dev.lockstep.future.Waker;
import dev.lockstep.io.TcpListener;
import dev.lockstep.io.UdpSocket;
import dev.lockstep.runtime.TaskFailedException;
import dev.lockstep.time.Sleep;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class RealRuntimeTest {
    static final InetSocketAddress ANY_LOOPBACK_PORT = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);

    @Nested
    class Timers {
        @Test
        void aSleepEndsNoEarlierThanItsDeadline() {
            long elapsed = RealRuntimes.run(rt -> {
                long start = rt.nanos();
                return Sleep.of(Duration.ofMillis(30)).map(v -> rt.nanos() - start);
            });
            assertTrue(elapsed >= 30_000_000, "slept " + elapsed + " ns");
        }

        @Test
        void timersFireInDeadlineOrderAndEqualDeadlinesInRegistrationOrder() {
            List<String> fired = RealRuntimes.run(rt -> {
                List<String> order = new ArrayList<>();
                long now = rt.nanos();
                rt.runAt(now + 5_000_000, () -> order.add("a"));
                rt.runAt(now + 5_000_000, () -> order.add("b"));
                rt.runAt(now + 1_000_000, () -> order.add("c"));
                TimerRegistration cancelled = rt.runAt(now + 2_000_000, () -> order.add("cancelled"));
                cancelled.cancel();
                assertFalse(cancelled.isActive());
                return Sleep.of(Duration.ofMillis(20)).map(v -> order);
            });
            assertEquals(List.of("c", "a", "b"), fired);
        }
    }

    @Nested
    class TimersOverIo {
        @Test
        void aTimerEndsTheWaitWhenNoIoComesAndTheLoserReleasesItsInterest() {
            List<Object> r = RealRuntimes.run(rt -> UdpSocket.bind(ANY_LOOPBACK_PORT).then(u -> Futures.select(
                    u.receive(ByteBuffer.allocate(8)), Sleep.of(Duration.ofMillis(20)))).map(first -> List.of(first,
                    rt.reactor().registrations())));
            assertInstanceOf(Either.Right.class, r.get(0));
            assertEquals(0, r.get(1));
        }

        @Test
        void ioWakesATaskLongBeforeAPendingTimer() {
            long start = System.nanoTime();
            Object first = RealRuntimes.run(rt -> UdpSocket.bind(ANY_LOOPBACK_PORT).then(a -> UdpSocket.bind(
                    ANY_LOOPBACK_PORT).then(b -> b.send(ByteBuffer.wrap(new byte[] {1}), a.localAddress())
                    .then(n -> Futures.select(a.receive(ByteBuffer.allocate(8)), Sleep.of(Duration.ofSeconds(
                            30)))))));
            assertInstanceOf(Either.Left.class, first);
            assertTrue(System.nanoTime() - start < 10_000_000_000L, "the datagram, not the 30 s timer, ended it");
        }
    }

    @Nested
    class Tasks {
        @Test
        void spawnedTasksRunAndTheirHandlesGiveTheirValues() {
            int sum = RealRuntimes.run(rt -> {
                JoinHandle<Integer> a = rt.spawn("a", Sleep.of(Duration.ofMillis(2)).map(v -> 20));
                JoinHandle<Integer> b = rt.spawn("b", Futures.ready(22));
                return Futures.join(a, b).map(both -> both.first() + both.second());
            });
            assertEquals(42, sum);
        }

        @Test
        void aSpawnedTaskThatFailsUnobservedFailsBlockOnNamingIt() {
            TaskFailedException e = assertThrows(TaskFailedException.class, () -> RealRuntimes.run(rt -> {
                rt.spawn("doomed", Futures.lazy(() -> {
                    throw new IllegalStateException("boom");
                }));
                return Sleep.of(Duration.ofMillis(5));
            }));
            assertEquals("doomed", e.taskName());
            assertTrue(e.getMessage().contains("none (real runtime)"), e.getMessage());
            assertEquals("boom", e.getCause().getMessage());
        }

        @Test
        void abortCancelsATaskAndReleasesItsRegistrations() {
            List<Object> r = RealRuntimes.run(rt -> UdpSocket.bind(ANY_LOOPBACK_PORT).then(u -> {
                JoinHandle<InetSocketAddress> waiting = rt.spawn("waiting", u.receive(ByteBuffer.allocate(8)));
                return Futures.yieldNow().map(v -> {
                    int before = rt.reactor().registrations();
                    waiting.abort();
                    return List.of(before, rt.reactor().registrations(), waiting.isFinished());
                });
            }));
            assertEquals(List.of(1, 0, true), r);
        }

        @Test
        void blockOnFromInsideATaskIsRejected() {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> RealRuntimes.run(rt ->
                    Futures.lazy(() -> rt.blockOn(Futures.ready(1)))));
            assertTrue(e.getMessage().contains("re-entered"), e.getMessage());
        }
    }

    @Nested
    class Threads {
        @Test
        void aWakeFromAnotherThreadEndsASelectThatWouldWaitForEver() {
            AtomicReference<Waker> stored = new AtomicReference<>();
            AtomicBoolean fired = new AtomicBoolean();
            Thread other = new Thread(() -> {
                await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(1)).until(() -> stored.get()
                        != null);
                fired.set(true);
                stored.get().wake();
            }, "other");
            other.setDaemon(true);
            other.start();
            String r = RealRuntimes.run(rt -> cx -> {
                if (fired.get()) {
                    return Poll.ready("woken");
                }
                stored.set(cx.waker());
                return Poll.pending();
            });
            assertEquals("woken", r);
        }
    }

    @Nested
    class Identity {
        @Test
        void itIsARealRuntimeWithUnrecordedChoicesAndNoReplay() {
            List<Object> r = RealRuntimes.run(rt -> Futures.lazy(() -> {
                rt.choices().choose(10);
                rt.choices().between(1, 100);
                return List.of(rt.isSimulated(), rt.choices().recordedCount(), rt.describe(), rt.currentTaskName());
            }));
            assertEquals(false, r.get(0));
            assertEquals(0, r.get(1));
            assertTrue(((String) r.get(2)).contains("real time") && ((String) r.get(2)).contains("none (real"),
                    (String) r.get(2));
            assertEquals("main", r.get(3));
        }
    }

    @Nested
    class Closing {
        @Test
        void closeAbortsLeftoverTasksAndClosesTheirSockets() {
            List<Object> seen = new ArrayList<>();
            RealRuntimes.run(rt -> TcpListener.bind(ANY_LOOPBACK_PORT).map(l -> {
                seen.add(rt.spawn("acceptor", l.accept()));
                seen.add(l);
                return null;
            }), rt -> {
                rt.close();
                assertThrows(IllegalStateException.class, () -> rt.blockOn(Futures.ready(1)));
            });
            assertTrue(((JoinHandle<?>) seen.get(0)).isFinished());
            assertFalse(((TcpListener) seen.get(1)).source().isOpen());
        }
    }
}
