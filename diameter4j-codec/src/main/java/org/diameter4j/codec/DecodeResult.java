package org.diameter4j.codec;

/** The outcome of decoding one message: the message, or the {@link DecodeFailure}. */
public final class DecodeResult {
    private final DiameterMessage message;
    private final DecodeFailure failure;

    private DecodeResult(DiameterMessage message, DecodeFailure failure) {
        this.message = message;
        this.failure = failure;
    }

    static DecodeResult success(DiameterMessage message) {
        return new DecodeResult(message, null);
    }

    static DecodeResult failure(DecodeFailure failure) {
        return new DecodeResult(null, failure);
    }

    public boolean isSuccess() {
        return failure == null;
    }

    /** The message; throws {@link IllegalStateException} when decoding failed. */
    public DiameterMessage message() {
        if (message == null) {
            throw new IllegalStateException("decoding failed: " + failure);
        }
        return message;
    }

    /** The failure, or null on success. */
    public DecodeFailure failure() {
        return failure;
    }

    @Override
    public String toString() {
        return failure == null ? message.toString() : failure.toString();
    }
}
