package org.diameter4j.cli.capture;

/**
 * The input cannot be read: its message names the fault and where it is, for example {@code "pcap
 * record 12 at byte 4096: captured length 70000 exceeds snaplen 65535"}.
 */
public final class CaptureException extends Exception {

    private final long offset;

    /**
     * @param message the fault and its place
     * @param offset byte offset of the fault in the input, or -1 when not known
     */
    public CaptureException(String message, long offset) {
        super(message);
        this.offset = offset;
    }

    /**
     * @param message the fault and its place
     * @param offset byte offset of the fault in the input, or -1 when not known
     * @param cause the underlying error
     */
    public CaptureException(String message, long offset, Throwable cause) {
        super(message, cause);
        this.offset = offset;
    }

    /** Byte offset of the fault in the input, or -1 when not known. */
    public long offset() {
        return offset;
    }
}
