package org.diameter4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.diameter4j.cli.probe.ProbeReport;
import org.diameter4j.cli.probe.ProbeVerdict;
import org.diameter4j.cli.probe.Prober;
import org.diameter4j.codec.type.DiameterUri;
import org.diameter4j.peer.ApplicationId;
import org.diameter4j.peer.HostResolver;
import org.diameter4j.peer.LocalIdentity;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code d4j probe PEER --origin-host H}: DNS → TCP → CER/CEA → DWR/DWA → DPR/DPA, each step timed,
 * then a verdict naming the cause and the fix. Exit 0 all passed, 1 a Diameter-level cause, 3
 * cannot connect or capabilities exchange failed, 4 timeout.
 */
@Command(
        name = "probe",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Diagnose a Diameter peer: DNS, TCP, CER/CEA, DWR/DWA, DPR/DPA, with the cause and fix of a failure.",
            "",
            "Example:",
            "  d4j probe aaa://ocs.example.net:3868 --origin-host client.example.com --dest-host ocs.example.net"
        })
public final class ProbeCommand implements Callable<Integer> {
    @Parameters(
            paramLabel = "PEER",
            description =
                    "aaa://host[:port], aaas://host[:port] or host[:port] (port 3868 by default).")
    String peer;

    @Option(
            names = "--origin-host",
            required = true,
            paramLabel = "H",
            description = "Our Diameter identity (Origin-Host).")
    String originHost;

    @Option(
            names = "--origin-realm",
            paramLabel = "R",
            description = "Our realm (default: Origin-Host after the first dot).")
    String originRealm;

    @Option(
            names = "--dest-host",
            paramLabel = "H",
            description = "The Origin-Host the peer must announce in its CEA.")
    String destHost;

    @Option(
            names = "--bind",
            paramLabel = "ADDR[:PORT]",
            description = "Local address (and port) to connect from.")
    String bind;

    @Option(
            names = "--apps",
            paramLabel = "LIST",
            defaultValue = "gy,rf,gx,s6a,nasreq",
            description =
                    "Applications to advertise: gy, rf, gx, s6a, nasreq, relay, auth:ID, acct:ID (default: ${DEFAULT-VALUE}).")
    String apps;

    @Option(
            names = "--timeout",
            paramLabel = "DURATION",
            defaultValue = "5s",
            description = "Per step (default: ${DEFAULT-VALUE}).")
    String timeout;

    @Option(names = "--json", description = "Print the result as one JSON object.")
    boolean json;

    @Mixin TlsOptions tlsOptions;

    @Mixin DictionaryOption dictionary;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        DiameterUri uri = CliArgs.peer(peer);
        List<ApplicationId> applications = CliArgs.applications(apps);
        LocalIdentity local =
                new LocalIdentity(
                        originHost,
                        originRealm,
                        0,
                        "d4j probe",
                        1L,
                        List.of(),
                        applications,
                        System.currentTimeMillis() / 1000,
                        false);
        Prober.Options o =
                new Prober.Options(
                        uri,
                        local,
                        destHost,
                        CliArgs.bind(bind),
                        tlsOptions.load(uri.secure()),
                        CliArgs.duration(timeout, "--timeout"),
                        HostResolver.system());
        PrintWriter out = spec.commandLine().getOut();
        if (!json) {
            out.println("Probing " + uri + " as " + originHost);
            out.flush();
        }
        ProbeVerdict v =
                new Prober(dictionary.load())
                        .run(
                                o,
                                s -> {
                                    if (!json) {
                                        out.println(ProbeReport.stepLine(s));
                                        out.flush();
                                    }
                                });
        out.println(json ? ProbeReport.json(uri, v) : ProbeReport.verdictText(v));
        out.flush();
        return v.exitCode();
    }
}
