package org.diameter4j.transport;

import org.diameter4j.codec.DecodeFailure;
import org.diameter4j.codec.DiameterMessage;

/**
 * What a {@link Connection} reports to the layer above (the peer state machine of RFC 6733 §5.6).
 *
 * <p>Called on the connection's {@link Connection#eventLoop() event loop} thread, one call at a
 * time and in the order the bytes arrived; must not block. An exception thrown from a callback is
 * logged once and closes the connection ({@link #onClosed} then receives that exception).
 */
public interface ConnectionHandler {
    /** A message decoded without fault. */
    void onMessage(Connection c, DiameterMessage m);

    /**
     * A message that could not be decoded. {@link DecodeFailure#fatal() fatal()}: the connection is
     * being closed after this call (the Message Length is unusable, so framing is lost); otherwise
     * the stream is still in sync and the next message follows (answer this one, with {@link
     * DecodeFailure#resultCode()}, if {@link DecodeFailure#partial()} is a request).
     */
    void onMalformed(Connection c, DecodeFailure f);

    /**
     * Exactly once, when the connection is closed for any reason: the peer closed it, an error, a
     * local {@link Connection#close()}. {@code cause} is null for an orderly close; {@link
     * FramingLostException} after a fatal {@link #onMalformed}; the I/O, TLS or callback exception
     * otherwise.
     *
     * <p>Only for connections that were handed over: a {@link Transport#connect} whose future
     * failed never calls it.
     */
    void onClosed(Connection c, Throwable cause);
}
