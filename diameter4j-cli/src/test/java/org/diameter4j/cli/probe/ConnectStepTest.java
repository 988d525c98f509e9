package org.diameter4j.cli.probe;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.ConnectTimeoutException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLHandshakeException;
import org.diameter4j.codec.type.DiameterUri;
import org.diameter4j.peer.ApplicationId;
import org.diameter4j.peer.LocalIdentity;
import org.junit.jupiter.api.Test;

/** Why a connect failed, in a user's words: each cause with its exit code 3. */
class ConnectStepTest {
    private static final String WHERE = "192.0.2.1:3868";
    private static final Prober.Options O =
            new Prober.Options(
                    DiameterUri.parse("aaa://192.0.2.1:3868"),
                    new LocalIdentity(
                            "client.example.com",
                            null,
                            0,
                            "probe test",
                            1L,
                            List.of(),
                            List.of(ApplicationId.auth(4)),
                            1L,
                            false),
                    null,
                    new InetSocketAddress("127.0.0.1", 0),
                    null,
                    Duration.ofSeconds(2),
                    null);

    @Test
    void aRefusedConnectionMeansNothingListens() {
        Finding f = ConnectStep.failed(new ConnectException("Connection refused"), WHERE, O);
        assertThat(f.cause()).isEqualTo("refused");
        assertThat(f.detail()).isEqualTo("connect to 192.0.2.1:3868: connection refused");
        assertThat(f.exitCode()).isEqualTo(3);
    }

    @Test
    void aTimeoutNamesTheTimeoutAndThePort() {
        Finding f = ConnectStep.failed(new ConnectTimeoutException("x"), WHERE, O);
        assertThat(f.cause()).isEqualTo("tcp-timeout");
        assertThat(f.detail()).endsWith(": timed out");
        assertThat(f.explanation()).contains("did not answer within 2 s");
        assertThat(f.fix()).contains("port 3868 is open");
    }

    @Test
    void aLocalAddressOfAnotherMachineIsABindFault() {
        Finding f =
                ConnectStep.failed(new BindException("Cannot assign requested address"), WHERE, O);
        assertThat(f.cause()).isEqualTo("bind");
        assertThat(f.fix()).contains("--bind");
    }

    @Test
    void anUntrustedCertificatePointsAtTlsCa() {
        Finding f =
                ConnectStep.failed(
                        new SSLHandshakeException(
                                "sun.security.validator.ValidatorException: PKIX path building"
                                        + " failed"),
                        WHERE,
                        O);
        assertThat(f.step()).isEqualTo("TLS");
        assertThat(f.cause()).isEqualTo("tls");
        assertThat(f.detail())
                .isEqualTo("handshake with 192.0.2.1:3868 failed: PKIX path building failed");
        assertThat(f.explanation()).contains("see --tls-ca");
    }

    @Test
    void anyOtherCauseKeepsItsMessage() {
        Finding f = ConnectStep.failed(new java.io.IOException("Network is unreachable"), WHERE, O);
        assertThat(f.cause()).isEqualTo("connect");
        assertThat(f.explanation())
                .isEqualTo("Cannot connect to 192.0.2.1:3868: Network is unreachable.");
    }
}
