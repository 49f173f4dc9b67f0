package dev.lockstep.io.sim;

/**
 * One TCP segment in flight on a {@link Pipe}. Only {@link #arrival} changes: a segment stalled
 * by a partition is re-timed when the link heals.
 */
final class Segment {
    /** What a segment carries. */
    enum Kind {
        /** Opens a connection (to a host and port, not yet to a socket). */
        SYN,
        /** Accepts it. */
        SYN_ACK,
        /** Payload bytes. */
        DATA,
        /** The receiving application read {@code count} bytes: room in the sender's buffer. */
        ACK,
        /** End of stream. */
        FIN,
        /** Reset: the connection is dead. */
        RST
    }

    final Kind kind;
    /** The payload of a DATA segment, else null. */
    final byte[] data;
    /** Bytes acknowledged by an ACK. */
    final int count;
    /** Why a RST was sent, for the trace; else empty. */
    final String reason;
    /** Virtual time of arrival at the other end. */
    long arrival;

    private Segment(Kind kind, byte[] data, int count, String reason) {
        this.kind = kind;
        this.data = data;
        this.count = count;
        this.reason = reason;
    }

    /** A segment without payload: SYN, SYN_ACK or FIN. */
    static Segment control(Kind kind) {
        return new Segment(kind, null, 0, "");
    }

    static Segment data(byte[] payload) {
        return new Segment(Kind.DATA, payload, 0, "");
    }

    static Segment ack(int bytesRead) {
        return new Segment(Kind.ACK, null, bytesRead, "");
    }

    static Segment reset(String reason) {
        return new Segment(Kind.RST, null, 0, reason);
    }

    /** Bytes on the wire (for bandwidth): the payload only. */
    int size() {
        return data == null ? 0 : data.length;
    }

    @Override
    public String toString() {
        return kind + (data != null ? "(" + data.length + "B)" : kind == Kind.ACK ? "(" + count + ")" : "");
    }
}
