package dev.lockstep.io.sim;

import java.time.Duration;
import java.util.Objects;

/**
 * How a simulated disk behaves: its sector size (the unit a crash tears a write at), capacity,
 * per-operation latency, and the rates of device faults. Every draw these imply comes from the
 * run's choices, and a rate of 0 draws nothing.
 *
 * @param sectorSize   bytes per sector; a torn write keeps a whole number of its sectors
 * @param capacity     bytes the disk holds (the sum of its files' sizes); a write past it fails
 *                     with {@code DISK_FULL}
 * @param latency      the least time an operation takes
 * @param jitter       up to this much more, drawn per operation (choice 0: none)
 * @param readErrors   probability that a read fails with {@code IO_ERROR}
 * @param writeErrors  probability that a write, append, truncate, sync or {@code syncDirectory} fails
 *                     with {@code IO_ERROR} (nothing of it applied)
 * @param corruptReads probability that a read returns one flipped byte (the disk keeps the right
 *                     data); off by default, since only code with checksums can detect it
 */
public record DiskConfig(int sectorSize, long capacity, Duration latency, Duration jitter, double readErrors,
        double writeErrors, double corruptReads) {

    /** 512-byte sectors, 1 GiB, no latency, no faults. */
    public static final DiskConfig DEFAULT = new DiskConfig(512, 1L << 30, Duration.ZERO, Duration.ZERO, 0, 0, 0);

    /** Validates every field, naming the bad one. */
    public DiskConfig {
        if (sectorSize < 1) {
            throw new IllegalArgumentException("DiskConfig: sectorSize must be >= 1 byte, got " + sectorSize);
        }
        if (capacity < 0) {
            throw new IllegalArgumentException("DiskConfig: capacity must be >= 0 bytes, got " + capacity);
        }
        Objects.requireNonNull(latency, "DiskConfig: latency is null");
        Objects.requireNonNull(jitter, "DiskConfig: jitter is null");
        if (latency.isNegative() || jitter.isNegative()) {
            throw new IllegalArgumentException("DiskConfig: latency and jitter must not be negative, got latency "
                    + latency + " and jitter " + jitter);
        }
        probability("readErrors", readErrors);
        probability("writeErrors", writeErrors);
        probability("corruptReads", corruptReads);
    }

    private static void probability(String name, double p) {
        if (!(p >= 0.0 && p <= 1.0)) {
            throw new IllegalArgumentException("DiskConfig: " + name + " must be a probability in [0, 1], got " + p);
        }
    }

    /** This config with another latency and jitter per operation. */
    public DiskConfig withLatency(Duration latency, Duration jitter) {
        return new DiskConfig(sectorSize, capacity, latency, jitter, readErrors, writeErrors, corruptReads);
    }

    /** This config with another capacity in bytes. */
    public DiskConfig withCapacity(long bytes) {
        return new DiskConfig(sectorSize, bytes, latency, jitter, readErrors, writeErrors, corruptReads);
    }

    /** This config with another sector size in bytes. */
    public DiskConfig withSectorSize(int bytes) {
        return new DiskConfig(bytes, capacity, latency, jitter, readErrors, writeErrors, corruptReads);
    }

    /** This config with read and write error ({@code EIO}) rates. */
    public DiskConfig withErrors(double readErrors, double writeErrors) {
        return new DiskConfig(sectorSize, capacity, latency, jitter, readErrors, writeErrors, corruptReads);
    }

    /** This config with a rate of reads that return a corrupted byte. */
    public DiskConfig withCorruptReads(double rate) {
        return new DiskConfig(sectorSize, capacity, latency, jitter, readErrors, writeErrors, rate);
    }
}
