package dev.lockstep.sync;

/** What {@link MpscSender#trySend} did. */
public enum TrySend {
    /** The message is queued. */
    SENT,
    /** A bounded channel had no free slot (or older sends wait for one); nothing was sent. */
    FULL,
    /** The receiver is closed; nothing was sent. */
    CLOSED
}
