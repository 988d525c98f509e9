package org.diameter4j.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.diameter4j.avps.CcRequestType;
import org.diameter4j.codec.Avp;
import org.diameter4j.codec.DiameterMessage;
import org.diameter4j.dictionary.Dictionary;
import org.diameter4j.dictionary.dump.MessageDump;
import org.diameter4j.gy.CreditControlAnswer;
import org.diameter4j.gy.CreditControlRequests;
import org.diameter4j.gy.MsccRequest;
import org.diameter4j.gy.ServiceUnits;
import org.diameter4j.node.DiameterNode;
import org.diameter4j.node.NodeConfig;
import org.diameter4j.node.NodeListener;
import org.diameter4j.peer.ApplicationId;
import org.diameter4j.peer.PeerConfig;
import org.diameter4j.simulator.ocs.Balance;
import org.diameter4j.simulator.ocs.OcsConfig;
import org.diameter4j.simulator.ocs.OcsSimulator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code d4j demo}: the whole stack on loopback, no external peer needed. Starts an OCS simulator,
 * connects a Gy client to it (CER/CEA), runs a data session (INITIAL, two UPDATEs, TERMINATE) and
 * the SMS event charge of seed 001, shows the balance moving and a 4012 for an empty account, then
 * closes with DPR/DPA — printing the dialogue as it goes.
 */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = {
            "Run a Gy dialogue against an embedded OCS simulator on loopback (no peer needed)."
        })
public final class DemoCommand implements Callable<Integer> {
    static final String SUBSCRIBER = "41780000001";
    static final String EMPTY_SUBSCRIBER = "41780000009";
    static final long MB = 1_000_000;

    @Option(names = "--trace", description = "Also print every message in full, decoded.")
    boolean trace;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    private PrintWriter out;
    private Dictionary d;
    private int failures;

    @Override
    public Integer call() throws Exception {
        out = spec.commandLine().getOut();
        d = Dictionary.standard();
        Logging.quiet(spec);
        long t0 = System.nanoTime();
        OcsConfig ocsConfig =
                OcsConfig.of(
                        Map.of(
                                SUBSCRIBER, new Balance(10 * MB, 3600, 10),
                                EMPTY_SUBSCRIBER, new Balance(0, 0, 0)));
        try (DiameterNode server =
                DiameterNode.start(
                        NodeConfig.builder("ocs.demo.example")
                                .application(ApplicationId.auth(4))
                                .listen("127.0.0.1:0")
                                .acceptAnyPeer(true)
                                .productName("d4j demo OCS")
                                .build())) {
            OcsSimulator ocs = OcsSimulator.register(server, ocsConfig);
            int port = server.listenAddresses().get(0).getPort();
            say("An OCS simulator (ocs.demo.example) listens on 127.0.0.1:" + port + ".");
            say(
                    "Subscriber "
                            + SUBSCRIBER
                            + " has "
                            + balance(ocs, SUBSCRIBER)
                            + "; "
                            + EMPTY_SUBSCRIBER
                            + " has nothing.");
            say("");
            try (DiameterNode client =
                    DiameterNode.start(
                            NodeConfig.builder("pgw.demo.example")
                                    .application(ApplicationId.auth(4))
                                    .peer(
                                            PeerConfig.connectTo("aaa://127.0.0.1:" + port)
                                                    .destinationHost("ocs.demo.example")
                                                    .build())
                                    .build())) {
                MessageDump dump = new MessageDump(d);
                client.addListener(
                        NodeListener.messages(
                                tr -> {
                                    synchronized (this) {
                                        out.println(
                                                "    "
                                                        + (tr.received() ? "<- " : "-> ")
                                                        + summary(tr.message()));
                                        if (trace) {
                                            for (String line :
                                                    dump.format(tr.message()).split("\n")) {
                                                out.println("         " + line);
                                            }
                                        }
                                        out.flush();
                                    }
                                }));
                say(
                        "1. The Gy client (pgw.demo.example) connects: capabilities exchange (RFC 6733 §5.3).");
                client.awaitReady("ocs.demo.example", Duration.ofSeconds(10));
                say(
                        "   peer ocs.demo.example is "
                                + client.peer("ocs.demo.example").status()
                                + ", common application: "
                                + client.peer("ocs.demo.example").activeApplications());
                say("");
                say("2. A data session (3GPP TS 32.299 Gy): reserve, report usage, terminate.");
                String sid = client.newSessionId();
                // INITIAL reserves 2 MB, each UPDATE reports 2 MB used and reserves 2 MB more,
                // TERMINATE reports the last 0.5 MB.
                ServiceUnits twoMb = ServiceUnits.octets(2 * MB);
                CcRequestType[] steps = {
                    CcRequestType.INITIAL_REQUEST,
                    CcRequestType.UPDATE_REQUEST,
                    CcRequestType.UPDATE_REQUEST,
                    CcRequestType.TERMINATION_REQUEST
                };
                for (int n = 0; n < steps.length; n++) {
                    ServiceUnits requested =
                            steps[n] == CcRequestType.TERMINATION_REQUEST ? null : twoMb;
                    ServiceUnits used =
                            steps[n] == CcRequestType.INITIAL_REQUEST
                                    ? null
                                    : steps[n] == CcRequestType.TERMINATION_REQUEST
                                            ? ServiceUnits.octets(MB / 2)
                                            : twoMb;
                    MsccRequest mscc = MsccRequest.of(100L, null, requested, used);
                    ccr(
                            client,
                            CreditControlRequests.dataSession(
                                            d, sid, SUBSCRIBER, steps[n], n, List.of(mscc))
                                    .build(),
                            2001);
                }
                say(
                        "   balance of "
                                + SUBSCRIBER
                                + " now: "
                                + balance(ocs, SUBSCRIBER)
                                + " (4.5 MB used)");
                say("");
                say(
                        "3. The SMS event charge of seed 001 (Service-Context-Id 32274@3gpp.org, DIRECT_DEBITING).");
                ccr(
                        client,
                        CreditControlRequests.smsEvent(
                                        d, client.newSessionId(), SUBSCRIBER, "41780000002")
                                .build(),
                        2001);
                say(
                        "   balance of "
                                + SUBSCRIBER
                                + " now: "
                                + balance(ocs, SUBSCRIBER)
                                + " (1 SMS unit charged)");
                say("");
                say("4. The same SMS for " + EMPTY_SUBSCRIBER + ", whose account is empty.");
                ccr(
                        client,
                        CreditControlRequests.smsEvent(
                                        d, client.newSessionId(), EMPTY_SUBSCRIBER, "41780000002")
                                .build(),
                        4012);
                say("");
                say("5. The client closes: Disconnect-Peer-Request (RFC 6733 §5.4).");
            }
            Thread.sleep(50); // let the DPA's trace line print before the summary
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        say("");
        if (failures == 0) {
            say(
                    String.format(
                            java.util.Locale.ROOT,
                            "Done in %.1f s: every answer was the one expected.",
                            secs));
            say(
                    "Next: 'd4j server --origin-host ocs.example.net' runs these simulators for your own client;");
            say(
                    "      'd4j client HOST --origin-host ME --send ccr-event' sends this SMS charge to a real OCS;");
            say("      'd4j probe HOST --origin-host ME' diagnoses a peer that will not connect.");
            return Main.OK;
        }
        say(failures + " answer(s) were not the expected ones (see above).");
        return Main.FAILED;
    }

    private void ccr(DiameterNode client, DiameterMessage ccr, long expected) throws Exception {
        DiameterMessage cca = client.send(ccr, Duration.ofSeconds(5)).get(10, TimeUnit.SECONDS);
        CreditControlAnswer a = CreditControlAnswer.of(d, cca);
        if (a.resultCode() != expected) {
            failures++;
            say(
                    "   !! expected "
                            + expected
                            + ", got "
                            + a.resultCode()
                            + " "
                            + a.resultCodeName());
        }
    }

    private static String balance(OcsSimulator ocs, String subscriber) {
        Balance b = ocs.account(subscriber).available();
        return String.format(
                java.util.Locale.ROOT,
                "%.1f MB and %d SMS units",
                b.octets() / (double) MB,
                b.units());
    }

    /** One line per message: command, request type, units, result. */
    private String summary(DiameterMessage m) {
        StringBuilder sb =
                new StringBuilder(d.commandName(m.applicationId(), m.commandCode(), m.isRequest()));
        Avp type = m.find(416);
        if (type != null) {
            String n = d.valueName(type, type.asUnsigned32());
            sb.append(' ').append(n != null ? n : type.asUnsigned32());
        }
        Dictionary.Result r = m.isRequest() ? null : d.result(m);
        if (r != null) {
            sb.append("  ").append(r);
        }
        Avp mscc = m.find(456);
        if (mscc != null) {
            for (String unit :
                    new String[] {
                        "Requested-Service-Unit", "Used-Service-Unit", "Granted-Service-Unit"
                    }) {
                Avp u = d.get(mscc, unit);
                if (u != null) {
                    ServiceUnits su = ServiceUnits.from(d, u);
                    sb.append("  ")
                            .append(unit.replace("-Service-Unit", ""))
                            .append(' ')
                            .append(units(su));
                }
            }
        }
        return sb.toString();
    }

    private static String units(ServiceUnits su) {
        StringBuilder sb = new StringBuilder();
        if (su.octetsTotal() != null) {
            sb.append(su.octetsTotal()).append(" octets");
        }
        if (su.time() != null) {
            sb.append(sb.length() > 0 ? ", " : "").append(su.time()).append(" s");
        }
        if (su.serviceSpecificUnits() != null) {
            sb.append(sb.length() > 0 ? ", " : "")
                    .append(su.serviceSpecificUnits())
                    .append(" unit")
                    .append(su.serviceSpecificUnits() == 1 ? "" : "s");
        }
        return sb.length() > 0 ? sb.toString() : "(none)";
    }

    private void say(String s) {
        synchronized (this) {
            out.println(s);
            out.flush();
        }
    }
}
