package dev.lockstep.examples.kvstore;

import java.util.regex.Pattern;

/**
 * A message of the key-value store's wire protocol: one line of text per message (see
 * {@link KvCodec} for the exact format).
 *
 * <h2>Who sends what</h2>
 * <ul>
 *   <li>client to leader: {@link Put}, answered by {@link Written} once the write is durable
 *       enough for the leader's acknowledgement policy;
 *   <li>client to any node: {@link Get}, answered by {@link Found} or {@link Missing};
 *       {@link Status}, answered by {@link Applied} (how far the node's log goes);
 *   <li>leader to follower: {@link Replicate}, answered by {@link Ack} with the follower's
 *       applied index;
 *   <li>any node, to a request it cannot serve: {@link Error}.
 * </ul>
 *
 * <h2>Validation</h2>
 * Keys and values are tokens: one or more visible ASCII characters, no spaces, so that a message
 * fits on one line. Log indexes start at 1; an applied index of 0 means an empty log. The
 * records' constructors reject anything else with {@link IllegalArgumentException}.
 */
public sealed interface KvMessage {

    /** Client to leader: set {@code key} to {@code value}. */
    record Put(String key, String value) implements KvMessage {
        public Put {
            token("key", key);
            token("value", value);
        }

        @Override
        public String toString() {
            return key + "=" + value;
        }
    }

    /** Leader to client: the write is acknowledged at log index {@code index}. */
    record Written(long index) implements KvMessage {
        public Written {
            logIndex(index);
        }
    }

    /** Client to any node: read {@code key}. */
    record Get(String key) implements KvMessage {
        public Get {
            token("key", key);
        }
    }

    /** Node to client: {@code key} holds {@code value}. */
    record Found(String key, String value) implements KvMessage {
        public Found {
            token("key", key);
            token("value", value);
        }
    }

    /** Node to client: {@code key} holds nothing. */
    record Missing(String key) implements KvMessage {
        public Missing {
            token("key", key);
        }
    }

    /** Client to any node: how far does your log go? */
    record Status() implements KvMessage {}

    /** Node to client: every entry up to {@code index} is applied (0: none). */
    record Applied(long index) implements KvMessage {
        public Applied {
            appliedIndex(index);
        }
    }

    /** Leader to follower: apply entry {@code index}, which sets {@code key} to {@code value}. */
    record Replicate(long index, String key, String value) implements KvMessage {
        public Replicate {
            logIndex(index);
            token("key", key);
            token("value", value);
        }
    }

    /** Follower to leader: every entry up to {@code index} is applied. */
    record Ack(long index) implements KvMessage {
        public Ack {
            appliedIndex(index);
        }
    }

    /** Any node: the request could not be served, for {@code reason} (free text, one line). */
    record Error(String reason) implements KvMessage {
        public Error {
            if (reason == null || reason.isBlank() || reason.contains("\n")) {
                throw new IllegalArgumentException("Error: reason must be one non-blank line, got '" + reason + "'");
            }
        }
    }

    /** One or more visible ASCII characters: what a key or value may be. */
    Pattern TOKEN = Pattern.compile("[!-~]+");

    private static void token(String what, String s) {
        if (s == null || !TOKEN.matcher(s).matches()) {
            throw new IllegalArgumentException(what + " must be one or more visible ASCII characters without"
                    + " spaces, got " + (s == null ? "null" : "'" + s + "'"));
        }
    }

    private static void logIndex(long index) {
        if (index < 1) {
            throw new IllegalArgumentException("a log index starts at 1, got " + index);
        }
    }

    private static void appliedIndex(long index) {
        if (index < 0) {
            throw new IllegalArgumentException("an applied index is 0 (empty log) or more, got " + index);
        }
    }
}
