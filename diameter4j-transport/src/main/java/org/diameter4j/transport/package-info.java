/**
 * The Diameter transport layer: connections to peers over TCP or SCTP (RFC 6733 §2.1), plain or
 * with TLS — at connect time (RFC 6733 §13, the "aaas" URI scheme) or in-band after the
 * capabilities exchange (RFC 3588 §13, Inband-Security-Id TLS).
 *
 * <p>{@link org.diameter4j.transport.Transport} owns the Netty event loops (Linux epoll when
 * available, NIO otherwise), makes {@link org.diameter4j.transport.Connection}s with {@code
 * connect} and {@link org.diameter4j.transport.Listener}s with {@code listen}. A connection reports
 * to its {@link org.diameter4j.transport.ConnectionHandler} on its event loop: decoded messages,
 * malformed ones (with the Result-Code to answer with), and its close, exactly once.
 *
 * <p>Inside a connection's pipeline: an optional SslHandler, for SCTP an adapter from SCTP messages
 * to bytes, the length framer (RFC 6733 §3 Message Length, bounded by {@link
 * org.diameter4j.codec.DecodeOptions#maxMessageLength()} before anything is allocated), the encoder
 * (one exact-size pooled direct buffer per message), and the handler adapter. Writes made in one
 * event-loop turn leave in one flush.
 *
 * <p>This layer knows nothing of CER/CEA, watchdogs or routing: the peer layer above
 * (diameter4j-peer) drives them through this API.
 */
package org.diameter4j.transport;
