package dev.lockstep.io.sim;

import java.time.Duration;
import java.util.Objects;

/**
 * How one direction of a link between two simulated hosts behaves.
 *
 * @param latency    the minimum one-way delay of every segment and datagram
 * @param jitter     the most that is added to {@code latency}; each segment's share is a choice of
 *                   the run, 0 meaning none (so choice 0 is the minimum latency)
 * @param bandwidth  bytes per second the link carries, or 0 for no limit; a segment waits for the
 *                   ones before it to be sent
 * @param sendBuffer bytes a TCP sender over this link may have written but the receiving
 *                   application not yet read; a full buffer makes {@code write} wait
 *                   (backpressure)
 * @param loss       probability that a datagram is lost (traced as a {@code drop})
 * @param duplicate  probability that a datagram is delivered twice (traced as a {@code duplicate})
 * @param reorder    probability that a datagram is delayed by up to twice the latency plus jitter
 *                   more, so later ones overtake it (traced as a {@code reorder})
 */
public record LinkConfig(Duration latency, Duration jitter, long bandwidth, int sendBuffer, double loss,
        double duplicate, double reorder) {

    /** 1 ms latency plus up to 1 ms jitter, no bandwidth limit, a 64 KiB send buffer, no datagram faults. */
    public static final LinkConfig DEFAULT = new LinkConfig(Duration.ofMillis(1), Duration.ofMillis(1), 0,
            64 * 1024, 0, 0, 0);

    /** What a host's link to itself is unless configured: no delay, no faults. */
    public static final LinkConfig LOOPBACK = new LinkConfig(Duration.ZERO, Duration.ZERO, 0, 64 * 1024, 0, 0, 0);

    /** Validates every field, naming the bad one. */
    public LinkConfig {
        Objects.requireNonNull(latency, "LinkConfig: latency is null");
        Objects.requireNonNull(jitter, "LinkConfig: jitter is null");
        if (latency.isNegative() || jitter.isNegative()) {
            throw new IllegalArgumentException("LinkConfig: latency and jitter must not be negative, got latency "
                    + latency + " and jitter " + jitter);
        }
        if (bandwidth < 0) {
            throw new IllegalArgumentException("LinkConfig: bandwidth must be >= 0 bytes/s (0: unlimited), got "
                    + bandwidth);
        }
        if (sendBuffer < 1) {
            throw new IllegalArgumentException("LinkConfig: sendBuffer must be >= 1 byte, got " + sendBuffer);
        }
        probability("loss", loss);
        probability("duplicate", duplicate);
        probability("reorder", reorder);
    }

    private static void probability(String name, double p) {
        if (!(p >= 0.0 && p <= 1.0)) {
            throw new IllegalArgumentException("LinkConfig: " + name + " must be a probability in [0, 1], got " + p);
        }
    }

    /** This config with another minimum latency and jitter. */
    public LinkConfig withLatency(Duration latency, Duration jitter) {
        return new LinkConfig(latency, jitter, bandwidth, sendBuffer, loss, duplicate, reorder);
    }

    /** This config with a bandwidth in bytes per second (0: unlimited). */
    public LinkConfig withBandwidth(long bytesPerSecond) {
        return new LinkConfig(latency, jitter, bytesPerSecond, sendBuffer, loss, duplicate, reorder);
    }

    /** This config with another TCP send buffer size. */
    public LinkConfig withSendBuffer(int bytes) {
        return new LinkConfig(latency, jitter, bandwidth, bytes, loss, duplicate, reorder);
    }

    /** This config with datagram loss, duplication and reordering probabilities. */
    public LinkConfig withDatagramFaults(double loss, double duplicate, double reorder) {
        return new LinkConfig(latency, jitter, bandwidth, sendBuffer, loss, duplicate, reorder);
    }
}
