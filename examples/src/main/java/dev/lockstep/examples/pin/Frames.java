package dev.lockstep.examples.pin;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The wire format: each frame is one length byte (1 to 255) followed by that many bytes of UTF-8
 * text; a length byte of 0 ends the stream.
 */
final class Frames {
    /** The largest payload a frame can carry, in bytes. */
    static final int MAX_PAYLOAD = 255;

    private Frames() {}

    /**
     * The bytes of {@code frames} followed by the end marker.
     *
     * @throws IllegalArgumentException for an empty frame or one longer than {@link #MAX_PAYLOAD} bytes
     */
    static byte[] encode(List<String> frames) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String f : frames) {
            byte[] payload = f.getBytes(StandardCharsets.UTF_8);
            if (payload.length == 0 || payload.length > MAX_PAYLOAD) {
                throw new IllegalArgumentException("a frame carries 1 to " + MAX_PAYLOAD + " bytes, got "
                        + payload.length + " for '" + f + "'");
            }
            out.write(payload.length);
            out.writeBytes(payload);
        }
        out.write(0);
        return out.toByteArray();
    }
}
