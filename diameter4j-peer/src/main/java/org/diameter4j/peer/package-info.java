/**
 * What an application names about Diameter peers (RFC 6733 §5): their configuration ({@link
 * org.diameter4j.peer.PeerConfig}, {@link org.diameter4j.peer.ApplicationId}), their state as
 * reported ({@link org.diameter4j.peer.PeerState} of §5.6, {@link
 * org.diameter4j.peer.WatchdogState} of RFC 3539, {@link org.diameter4j.peer.RemoteCapabilities}
 * from the last CER/CEA, {@link org.diameter4j.peer.MessageKind} counts), and the exceptions a
 * request's future fails with ({@link org.diameter4j.peer.PeerNotReadyException}, {@link
 * org.diameter4j.peer.RequestTimeoutException}, {@link
 * org.diameter4j.peer.PeerDisconnectedException}).
 *
 * <p>{@link org.diameter4j.peer.Timers} is the one timer and clock abstraction of diameter4j: the
 * peer's timers run on it (on the peer's event loop), and so do the credit-control and accounting
 * timers above (on {@link org.diameter4j.peer.Timers#system()}). Tests drive it by hand with {@link
 * org.diameter4j.peer.ManualTimers}.
 *
 * <p>The state machine, the watchdog and the pending requests live in {@code
 * org.diameter4j.peer.internal}, which only diameter4j's own modules read.
 */
package org.diameter4j.peer;
