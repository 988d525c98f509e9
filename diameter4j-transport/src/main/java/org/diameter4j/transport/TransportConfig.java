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
 * @param writeStallTimeout a connection whose output has not drained below the write-buffer
 *     low-water mark for this long is closed: its peer does not read (default 30 s)
 * @param maxUnsentBytes the most bytes that may wait unsent to one peer before the connection is
 *     closed — the last bound on memory, far above any legitimate burst (default 256 MiB)
 */
public record TransportConfig(
        DecodeOptions decodeOptions,
        Duration connectTimeout,
        boolean preferNative,
        int ioThreads,
        Duration writeStallTimeout,
        long maxUnsentBytes) {

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_WRITE_STALL_TIMEOUT = Duration.ofSeconds(30);
    public static final long DEFAULT_MAX_UNSENT_BYTES = 256L << 20;

    /** As before the write limits existed: the default stall timeout and unsent-bytes cap. */
    public TransportConfig(
            DecodeOptions decodeOptions,
            Duration connectTimeout,
            boolean preferNative,
            int ioThreads) {
        this(
                decodeOptions,
                connectTimeout,
                preferNative,
                ioThreads,
                DEFAULT_WRITE_STALL_TIMEOUT,
                DEFAULT_MAX_UNSENT_BYTES);
    }

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
        if (writeStallTimeout == null) {
            writeStallTimeout = DEFAULT_WRITE_STALL_TIMEOUT;
        }
        if (writeStallTimeout.isNegative() || writeStallTimeout.isZero()) {
            throw new IllegalArgumentException(
                    "writeStallTimeout must be positive, got " + writeStallTimeout);
        }
        if (maxUnsentBytes < 64 * 1024) {
            throw new IllegalArgumentException(
                    "maxUnsentBytes must be at least 64 KiB, got " + maxUnsentBytes);
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
        return new TransportConfig(
                decodeOptions, timeout, preferNative, ioThreads, writeStallTimeout, maxUnsentBytes);
    }

    public TransportConfig withPreferNative(boolean preferNativeTransport) {
        return new TransportConfig(
                decodeOptions,
                connectTimeout,
                preferNativeTransport,
                ioThreads,
                writeStallTimeout,
                maxUnsentBytes);
    }

    public TransportConfig withIoThreads(int threads) {
        return new TransportConfig(
                decodeOptions,
                connectTimeout,
                preferNative,
                threads,
                writeStallTimeout,
                maxUnsentBytes);
    }

    /** How long a peer may leave our output undrained, and the most bytes that may wait for it. */
    public TransportConfig withWriteLimits(Duration stallTimeout, long maxUnsent) {
        return new TransportConfig(
                decodeOptions, connectTimeout, preferNative, ioThreads, stallTimeout, maxUnsent);
    }
}
