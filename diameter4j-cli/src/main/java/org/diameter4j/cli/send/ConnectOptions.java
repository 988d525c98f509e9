package org.diameter4j.cli.send;

import org.diameter4j.cli.StrictSendOption;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * What {@code client} and {@code bench} share: the peer, our identity, routing AVPs and variables.
 */
public final class ConnectOptions {
    @Mixin public StrictSendOption strictSend;

    @Parameters(
            index = "0",
            paramLabel = "PEER",
            description =
                    "aaa://host[:port][;transport=tcp], aaas://host[:port] (TLS) or host[:port]; port 3868 by default.")
    public String peer;

    @Option(
            names = "--origin-host",
            required = true,
            paramLabel = "H",
            description = "Our Diameter identity (Origin-Host).")
    public String originHost;

    @Option(
            names = "--origin-realm",
            paramLabel = "R",
            description = "Our realm (default: Origin-Host after the first dot).")
    public String originRealm;

    @Option(
            names = "--bind",
            paramLabel = "ADDR[:PORT]",
            description = "Local address (and port) to connect from.")
    public String bind;

    @Option(
            names = "--dest-realm",
            paramLabel = "R",
            description = "Destination-Realm (default: the peer's realm from its CEA).")
    public String destRealm;

    @Option(
            names = "--dest-host",
            paramLabel = "H",
            description = "Add Destination-Host H to every request.")
    public String destHost;

    @Option(
            names = "--apps",
            paramLabel = "LIST",
            description =
                    "More applications to advertise besides the message's own: gy, rf, gx, s6a, nasreq, relay, auth:ID, acct:ID.")
    public String apps;

    @Option(
            names = "--msisdn",
            paramLabel = "N",
            defaultValue = "41780000001",
            description = "Value of $${msisdn} (default: ${DEFAULT-VALUE}).")
    public String msisdn;

    @Option(
            names = "--imsi",
            paramLabel = "N",
            defaultValue = "001010000000001",
            description = "Value of $${imsi} (default: ${DEFAULT-VALUE}).")
    public String imsi;

    @Option(
            names = "--connect-timeout",
            paramLabel = "DURATION",
            defaultValue = "10s",
            description =
                    "How long to wait for the connection and the CEA (default: ${DEFAULT-VALUE}).")
    public String connectTimeout;

    @Option(
            names = "--doic",
            description =
                    "Take part in DOIC overload control (RFC 7683): advertise it in every request"
                            + " and send less to a server whose answers report overload"
                            + " (loss algorithm, §6.3).")
    public boolean doic;
}
