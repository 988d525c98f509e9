package org.diameter4j.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import org.diameter4j.transport.TlsConfig;
import picocli.CommandLine.Option;

/** TLS material for aaas:// peers and TLS listeners: PEM certificate chain, key and trusted CAs. */
public final class TlsOptions {
    @Option(
            names = "--tls-cert",
            paramLabel = "PEM",
            description = "Our certificate chain (PEM), for aaas:// or mutual TLS.")
    Path cert;

    @Option(names = "--tls-key", paramLabel = "PEM", description = "Our private key (PEM).")
    Path key;

    @Option(
            names = "--tls-ca",
            paramLabel = "PEM",
            description = "Trusted CA certificates (PEM) to verify the peer.")
    Path ca;

    /** The TLS settings, or null when none are given; {@code needed} when the peer is aaas://. */
    public TlsConfig load(boolean needed) {
        if (cert == null && key == null && ca == null) {
            if (needed) {
                throw UserError.usage(
                        "aaas:// needs TLS material: give --tls-ca (to trust the peer) and, for mutual TLS,"
                                + " --tls-cert and --tls-key");
            }
            return null;
        }
        for (Path p : new Path[] {cert, key, ca}) {
            if (p != null && !Files.isReadable(p)) {
                throw UserError.usage(
                        "cannot read TLS file " + p + ": no such file or not readable");
            }
        }
        if ((cert == null) != (key == null)) {
            throw UserError.usage("--tls-cert and --tls-key go together");
        }
        try {
            if (cert == null) {
                return TlsConfig.trustOnly(ca);
            }
            return TlsConfig.pem(cert, key, ca);
        } catch (IllegalArgumentException e) {
            throw UserError.usage("TLS: " + e.getMessage());
        }
    }
}
