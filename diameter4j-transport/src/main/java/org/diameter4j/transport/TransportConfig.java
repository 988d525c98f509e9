package org.diameter4j.transport;

import java.time.Duration;
import org.diameter4j.codec.DecodeOptions;

/**
 * Settings of a {@link Transport}.
 *
 * @param decodeOptions how received messages are decoded; its {@link
 *     DecodeOptions#maxMessageLength()} also bounds what the framer waits for
 * @param connectTimeout how long a TCP or SCTP connect may take (the TLS handshake has its own
 *     bound of the same length); default 10 s
 * @param preferNative use Linux epoll when it is available; NIO otherwise (and always on other
 *     systems)
 * @param ioThreads event loop threads; 0 = Netty's default (twice the number of cores)
 */
public record TransportConfig(
        DecodeOptions decodeOptions, Duration connectTimeout, boolean preferNative, int ioThreads) {

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

    public TransportConfig {
        if (decodeOptions == null) {
            throw new IllegalArgumentException("decodeOptions must not be null");
        }
        if (connectTimeout == null) {
            connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        }
        if (connectTimeout.isNegative()
                || connectTimeout.isZero()
                || connectTimeout.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(
                    "connectTimeout must be within 1 ms..24 days, got " + connectTimeout);
        }
        if (ioThreads < 0) {
            throw new IllegalArgumentException("ioThreads must be >= 0, got " + ioThreads);
        }
    }

    /** Connect timeout 10 s, epoll when available, Netty's default number of threads. */
    public static TransportConfig defaults(DecodeOptions o) {
        return new TransportConfig(o, DEFAULT_CONNECT_TIMEOUT, true, 0);
    }

    public TransportConfig withConnectTimeout(Duration timeout) {
        return new TransportConfig(decodeOptions, timeout, preferNative, ioThreads);
    }

    public TransportConfig withPreferNative(boolean preferNativeTransport) {
        return new TransportConfig(decodeOptions, connectTimeout, preferNativeTransport, ioThreads);
    }

    public TransportConfig withIoThreads(int threads) {
        return new TransportConfig(decodeOptions, connectTimeout, preferNative, threads);
    }
}
