package org.diameter4j.transport;

import java.io.IOException;
import org.diameter4j.codec.DecodeFailure;

/**
 * The cause given to {@link ConnectionHandler#onClosed} when a connection was closed because its
 * byte stream could no longer be framed (an unusable Message Length, RFC 6733 §3).
 */
public final class FramingLostException extends IOException {
    private static final long serialVersionUID = 1L;

    private final transient DecodeFailure failure;

    public FramingLostException(DecodeFailure failure) {
        super("framing lost: " + failure);
        this.failure = failure;
    }

    /** The fatal failure that was reported to {@link ConnectionHandler#onMalformed}. */
    public DecodeFailure failure() {
        return failure;
    }
}
