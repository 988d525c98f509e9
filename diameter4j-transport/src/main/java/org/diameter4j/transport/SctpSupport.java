package org.diameter4j.transport;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether this system can do SCTP (RFC 6733 §2.1.1): the JDK's {@code com.sun.nio.sctp} needs
 * libsctp (on Linux {@code libsctp.so.1}) and the kernel's SCTP protocol. Probed once.
 */
final class SctpSupport {
    private SctpSupport() {}

    private static volatile String unavailableReason;
    private static volatile boolean probed;

    /** Null when SCTP works here; otherwise why not. */
    static String unavailableReason() {
        if (!probed) {
            synchronized (SctpSupport.class) {
                if (!probed) {
                    unavailableReason = probe();
                    probed = true;
                }
            }
        }
        return unavailableReason;
    }

    /** The exception that a connect or listen fails with when SCTP is missing. */
    static UnsupportedOperationException unavailable(String reason) {
        return new UnsupportedOperationException("SCTP is not available on this system: " + reason);
    }

    private static String probe() {
        String os = System.getProperty("os.name", "");
        if (os.toLowerCase(java.util.Locale.ROOT).contains("linux")
                && !Files.exists(Path.of("/proc/net/sctp"))) {
            return "the kernel has no SCTP (/proc/net/sctp is missing; load the sctp module)";
        }
        try {
            com.sun.nio.sctp.SctpChannel.open().close();
            return null;
        } catch (
                Throwable
                        t) { // UnsupportedOperationException, UnsatisfiedLinkError, SocketException
            // ...
            return t.getClass().getSimpleName() + ": " + t.getMessage();
        }
    }
}
