package org.diameter4j.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.diameter4j.avps.CcRequestType;
import org.diameter4j.codec.Avp;
import org.diameter4j.codec.DiameterMessage;
import org.diameter4j.codec.ResultCodes;
import org.diameter4j.dictionary.Dictionary;
import org.diameter4j.gy.CreditControlAnswer;
import org.diameter4j.gy.CreditControlRequests;
import org.diameter4j.gy.GyConstants;
import org.diameter4j.gy.MsccRequest;
import org.diameter4j.gy.ServiceUnits;
import org.diameter4j.node.DiameterNode;
import org.diameter4j.node.NodeConfig;
import org.diameter4j.node.NodeListener;
import org.diameter4j.peer.ApplicationId;
import org.diameter4j.peer.PeerConfig;
import org.diameter4j.simulator.ocs.Account;
import org.diameter4j.simulator.ocs.Balance;
import org.diameter4j.simulator.ocs.OcsConfig;
import org.diameter4j.simulator.ocs.OcsSimulator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * freeDiameter 1.2.1 as a Diameter relay agent (RFC 6733 §2.8.2, §6.1.9) between two diameter4j
 * nodes carrying Gy (RFC 4006, TS 32.299) — issues 4, 5 and 6:
 *
 * <pre>
 *   client.realm-a.example ──► dra.realm-x.example (freeDiameterd) ──► ocs.realm-b.example
 *   (our DiameterNode or bin/d4j)   realm routing, Route-Record        (our node + OcsSimulator)
 * </pre>
 *
 * <p>freeDiameter needs no routing extension for this: its built-in routing (libfdcore
 * routing_dispatch.c) scores every open peer whose Origin-Realm equals the request's
 * Destination-Realm and that advertised the request's application (our server advertises Gy, Auth
 * 4) — rt_default.fdx is not loaded. It advertises the Relay application, so it relays any
 * application; dict_nasreq + dict_dcca (in this order: dict_dcca depends on nasreq) are loaded as
 * in {@link FreeDiameterInteropTest} so its message dumps name the DCCA AVPs. Both of our
 * identities are ConnectPeer entries: freeDiameter connects to our server, and accepts the client
 * (its entry points at a port where nobody listens; without an ACL extension freeDiameter refuses
 * an unknown peer's CER with 3010).
 *
 * <p>Skipped when freeDiameterd is not installed; the bin/d4j test also when the cli jar was not
 * built.
 */
@Timeout(90)
class FreeDiameterRelayTest {
    static final Dictionary D = Dictionary.standard();
    static final String CLIENT = "client.realm-a.example";
    static final String CLIENT_REALM = "realm-a.example";
    static final String DRA = "dra.realm-x.example";
    static final String DRA_REALM = "realm-x.example";
    static final String OCS = "ocs.realm-b.example";
    static final String OCS_REALM = "realm-b.example";
    static final String MSISDN = "41780000001"; // also bin/d4j's default --msisdn
    static final Balance INITIAL = new Balance(10_000_000, 3_600, 100);
    static final int ROUTE_RECORD = 282;

    @TempDir Path tmp;

    @BeforeEach
    void installed() {
        FreeDiameter.assumeInstalled();
    }

    // ---- the relay set-up -------------------------------------------------------------------

    /** Our OCS node, freeDiameter connected to it, and the trace of what the OCS saw. */
    record Relay(DiameterNode server, OcsSimulator ocs, FreeDiameter fd, MessageTrace serverTrace)
            implements AutoCloseable {
        Account account() {
            return ocs.account(MSISDN);
        }

        @Override
        public void close() {
            try {
                fd.close();
            } finally {
                server.close();
            }
        }
    }

    static Relay startRelay(Path dir) throws Exception {
        MessageTrace serverTrace = new MessageTrace();
        DiameterNode server =
                DiameterNode.start(
                        NodeConfig.builder(OCS)
                                .originRealm(OCS_REALM)
                                .application(ApplicationId.auth(GyConstants.APPLICATION_ID))
                                .listen("127.0.0.1:0")
                                .acceptAnyPeer(false)
                                // freeDiameter may connect; we never do.
                                .peer(
                                        PeerConfig.builder()
                                                .destinationHost(DRA)
                                                .tw(Duration.ofSeconds(30))
                                                .build())
                                .build());
        FreeDiameter fd = null;
        try {
            server.addListener(NodeListener.messages(serverTrace));
            OcsSimulator ocs = OcsSimulator.register(server, OcsConfig.of(Map.of(MSISDN, INITIAL)));
            int port = server.listenAddresses().get(0).getPort();
            FreeDiameter.Config c =
                    FreeDiameter.config(DRA, DRA_REALM)
                            .twTimer(30)
                            .tcTimer(5)
                            .extension("dict_nasreq", null) // dict_dcca depends on it
                            .extension("dict_dcca", null)
                            .connectPeer(OCS, port)
                            // accepted when it connects; freeDiameter's own attempts are refused
                            .connectPeer(CLIENT, FreeDiameter.freePort());
            fd = FreeDiameter.start(c, dir);
            server.awaitReady(DRA, Duration.ofSeconds(15));
            fd.awaitLogLine(
                    l -> l.contains("'STATE_OPEN'") && l.contains(OCS),
                    Duration.ofSeconds(5),
                    "the OCS peer going to STATE_OPEN");
            return new Relay(server, ocs, fd, serverTrace);
        } catch (Exception | Error e) {
            if (fd != null) {
                fd.close();
            }
            server.close();
            throw e;
        }
    }

    /** Our client: freeDiameter is its only peer, and its default route (any realm). */
    static DiameterNode startClient(int fdPort, MessageTrace trace) {
        DiameterNode client =
                DiameterNode.start(
                        NodeConfig.builder(CLIENT)
                                .originRealm(CLIENT_REALM)
                                .application(ApplicationId.auth(GyConstants.APPLICATION_ID))
                                .peer(
                                        PeerConfig.connectTo("aaa://127.0.0.1:" + fdPort)
                                                .destinationHost(DRA)
                                                .defaultPeer(true)
                                                .tw(Duration.ofSeconds(30))
                                                .tc(Duration.ofSeconds(1))
                                                .build())
                                .build());
        client.addListener(NodeListener.messages(trace));
        return client;
    }

    // ---- 1. Gy through freeDiameter ----------------------------------------------------------

    @Test
    void freeDiameterRelaysGyEventAndSessionBetweenOurClientAndOurOcs() throws Exception {
        try (Relay relay = startRelay(tmp.resolve("fd"))) {
            MessageTrace clientTrace = new MessageTrace();
            try (DiameterNode client = startClient(relay.fd().port(), clientTrace)) {
                client.awaitReady(DRA, Duration.ofSeconds(15));

                // Seed 001's SMS event: DIRECT_DEBITING of 1 unit.
                DiameterMessage sms =
                        CreditControlRequests.smsEvent(
                                        D, client.newSessionId(), MSISDN, "41780000002")
                                .destinationRealm(OCS_REALM)
                                .build();
                CreditControlAnswer smsAnswer = exchange(relay, client, clientTrace, sms);
                assertThat(smsAnswer.mscc()).hasSize(1);
                assertThat(relay.account().charged().units()).isEqualTo(1);
                assertThat(relay.account().available().units()).isEqualTo(INITIAL.units() - 1);

                // A data session: INITIAL (1 MB asked), UPDATE (400 kB used), TERMINATE (300 kB).
                String sid = client.newSessionId();
                CreditControlAnswer i =
                        exchange(
                                relay,
                                client,
                                clientTrace,
                                data(
                                        sid,
                                        CcRequestType.INITIAL_REQUEST,
                                        0,
                                        ServiceUnits.octets(1_000_000),
                                        null));
                assertThat(i.mscc(1).granted().totalOctets()).isEqualTo(1_000_000);
                assertThat(relay.account().reserved().octets()).isEqualTo(1_000_000);
                assertThat(relay.ocs().sessionCount()).isEqualTo(1);

                CreditControlAnswer u =
                        exchange(
                                relay,
                                client,
                                clientTrace,
                                data(
                                        sid,
                                        CcRequestType.UPDATE_REQUEST,
                                        1,
                                        ServiceUnits.octets(1_000_000),
                                        ServiceUnits.octets(400_000)));
                assertThat(u.mscc(1).granted().totalOctets()).isEqualTo(1_000_000);
                assertThat(relay.account().charged().octets()).isEqualTo(400_000);

                exchange(
                        relay,
                        client,
                        clientTrace,
                        data(
                                sid,
                                CcRequestType.TERMINATION_REQUEST,
                                2,
                                null,
                                ServiceUnits.octets(300_000)));
                assertThat(relay.account().charged().octets()).isEqualTo(700_000);
                assertThat(relay.account().reserved().octets()).isZero();
                assertThat(relay.account().available().octets())
                        .isEqualTo(INITIAL.octets() - 700_000);
                assertThat(relay.ocs().sessionCount()).isZero();
            }
            // freeDiameter's view (dbg_msg_dumps, "app/command f:flags"): four CCRs in from the
            // client, FORWARDING, out to the OCS 32 bytes longer (its Route-Record AVP: 8 + 22
            // padded to 24), four CCAs back the other way.
            String log = relay.fd().log();
            assertThat(countLines(log, "RCV from '" + CLIENT + "'", "4/272 f:RP--"))
                    .as("CCRs freeDiameter received\n" + log)
                    .isEqualTo(4);
            assertThat(countLines(log, "FORWARDING: ", "4/272 f:RP--"))
                    .as("CCRs freeDiameter relayed\n" + log)
                    .isEqualTo(4);
            assertThat(countLines(log, "SND to '" + OCS + "'", "4/272 f:RP--"))
                    .as("CCRs freeDiameter forwarded\n" + log)
                    .isEqualTo(4);
            assertThat(countLines(log, "RCV from '" + OCS + "'", "4/272 f:-P--"))
                    .as("CCAs freeDiameter received\n" + log)
                    .isEqualTo(4);
            assertThat(countLines(log, "SND to '" + CLIENT + "'", "4/272 f:-P--"))
                    .as("CCAs freeDiameter sent back\n" + log)
                    .isEqualTo(4);
            assertThat(log)
                    .doesNotContain("PARSING ERROR")
                    .doesNotContain("DROPPED")
                    .doesNotContain("FAILOVER");
        }
    }

    static DiameterMessage data(
            String sid,
            CcRequestType type,
            long number,
            ServiceUnits requested,
            ServiceUnits used) {
        return CreditControlRequests.dataSession(
                        D,
                        sid,
                        MSISDN,
                        type,
                        number,
                        List.of(MsccRequest.of(1L, 1L, requested, used)))
                .destinationRealm(OCS_REALM)
                .build();
    }

    /**
     * Sends through freeDiameter; checks the CCA (2001, from the OCS, same End-to-End) and the
     * request as the OCS received it (same End-to-End, a Route-Record naming our client, which
     * freeDiameter added: RFC 6733 §6.1.9).
     */
    static CreditControlAnswer exchange(
            Relay relay, DiameterNode client, MessageTrace clientTrace, DiameterMessage ccr)
            throws Exception {
        DiameterMessage a = client.send(ccr).get(15, TimeUnit.SECONDS);
        String sid = D.get(ccr, "Session-Id").asUtf8();
        long number = D.get(ccr, "CC-Request-Number").asUnsigned32();
        // The CCR as our client sent it to freeDiameter.
        DiameterMessage sent =
                clientTrace
                        .await(
                                e -> !e.received() && isCcr(e.message(), sid, number),
                                Duration.ofSeconds(2),
                                "CCR " + sid + "/" + number + " sent")
                        .message();
        long endToEnd = sent.endToEnd();
        assertThat(sent.find(ROUTE_RECORD)).as("no Route-Record from our client").isNull();

        assertThat(a.isRequest()).isFalse();
        assertThat(a.isError()).as("E bit of the CCA").isFalse();
        assertThat(a.endToEnd()).as("End-to-End of the CCA").isEqualTo(endToEnd);
        assertThat(D.get(a, "Origin-Host").asUtf8()).isEqualTo(OCS);
        assertThat(D.get(a, "Origin-Realm").asUtf8()).isEqualTo(OCS_REALM);
        assertThat(D.get(a, "Session-Id").asUtf8()).isEqualTo(sid);
        CreditControlAnswer cca = CreditControlAnswer.of(D, a);
        assertThat(cca.resultCode())
                .as(cca.resultCodeName() + " " + cca.errorMessage())
                .isEqualTo(ResultCodes.DIAMETER_SUCCESS);
        assertThat(cca.requestNumber()).isEqualTo(number);

        // The CCR as our OCS received it, from freeDiameter.
        MessageTrace.Entry in =
                relay.serverTrace()
                        .await(
                                e -> e.received() && isCcr(e.message(), sid, number),
                                Duration.ofSeconds(2),
                                "CCR " + sid + "/" + number + " at the OCS");
        DiameterMessage atOcs = in.message();
        assertThat(in.peer()).isEqualTo(DRA);
        assertThat(atOcs.endToEnd()).as("End-to-End preserved by the relay").isEqualTo(endToEnd);
        assertThat(D.get(atOcs, "Origin-Host").asUtf8()).isEqualTo(CLIENT);
        assertThat(D.get(atOcs, "Destination-Realm").asUtf8()).isEqualTo(OCS_REALM);
        List<String> routeRecords = new ArrayList<>();
        for (Avp rr : atOcs.avps().findAll(ROUTE_RECORD, 0)) {
            routeRecords.add(rr.asUtf8());
        }
        assertThat(routeRecords).as("Route-Record added by freeDiameter").containsExactly(CLIENT);
        return cca;
    }

    static boolean isCcr(DiameterMessage m, String sid, long number) {
        return m.isRequest()
                && m.commandCode() == GyConstants.CCR
                && sid.equals(D.get(m, "Session-Id").asUtf8())
                && D.get(m, "CC-Request-Number").asUnsigned32() == number;
    }

    static long countLines(String log, String... parts) {
        return log.lines().filter(l -> Stream.of(parts).allMatch(l::contains)).count();
    }

    // ---- 2. bin/d4j through freeDiameter -----------------------------------------------------

    @Test
    @Timeout(180) // two bin/d4j runs of at most 60 s each
    void d4jClientAndProbeWorkAgainstFreeDiameter() throws Exception {
        Path root = repositoryRoot();
        Path jar = root.resolve("diameter4j-cli/target/d4j.jar");
        assumeTrue(
                Files.isRegularFile(jar),
                jar
                        + " is not built (./mvnw verify builds diameter4j-cli first): d4j test skipped");
        try (Relay relay = startRelay(tmp.resolve("fd"))) {
            String peer = "aaa://127.0.0.1:" + relay.fd().port();

            Run client =
                    d4j(
                            root,
                            "client",
                            peer,
                            "--origin-host",
                            CLIENT,
                            "--dest-realm",
                            OCS_REALM,
                            "--send",
                            "ccr-event",
                            "--json");
            assertThat(client.exit()).as(client.toString()).isZero();
            assertThat(client.stdout())
                    .as(client.toString())
                    .containsPattern(Pattern.compile("\"resultCode\"\\s*:\\s*2001"));
            assertThat(relay.account().charged().units()).as("the SMS was debited").isEqualTo(1);
            MessageTrace.Entry in =
                    relay.serverTrace()
                            .await(
                                    e ->
                                            e.received()
                                                    && e.message().isRequest()
                                                    && e.message().commandCode() == GyConstants.CCR,
                                    Duration.ofSeconds(2),
                                    "the CLI's CCR at the OCS");
            assertThat(in.message().avps().findAll(ROUTE_RECORD, 0))
                    .extracting(Avp::asUtf8)
                    .containsExactly(CLIENT);

            Run probe = d4j(root, "probe", peer, "--origin-host", CLIENT, "--dest-host", DRA);
            assertThat(probe.exit()).as(probe.toString()).isZero();
        }
    }

    record Run(List<String> command, int exit, String stdout, String stderr) {
        @Override
        public String toString() {
            return String.join(" ", command)
                    + "\nexit "
                    + exit
                    + "\n--- stdout\n"
                    + stdout
                    + "--- stderr\n"
                    + stderr;
        }
    }

    /** The checkout: the parent of this module's directory (Maven runs the tests in it). */
    static Path repositoryRoot() {
        Path here = Path.of("").toAbsolutePath();
        for (Path p = here; p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("bin/d4j"))
                    && Files.isDirectory(p.resolve("diameter4j-cli"))) {
                return p;
            }
        }
        throw new AssertionError("no bin/d4j above " + here);
    }

    /**
     * Runs bin/d4j (60 s at most). The launcher rebuilds the jar with Maven when a source of the
     * checkout is newer than it; in a developer's working copy edited while the tests run, that
     * nested build would take minutes and touch other modules' target directories, so then the jar
     * is started the way the launcher's last line does ({@code java -jar}), and a note says so.
     * After {@code ./mvnw verify} (CI) the jar is fresh and the launcher itself runs.
     */
    static Run d4j(Path root, String... args) throws IOException, InterruptedException {
        Path jar = root.resolve("diameter4j-cli/target/d4j.jar");
        List<String> cmd = new ArrayList<>();
        Path newer = newerSource(root, Files.getLastModifiedTime(jar));
        if (newer == null) {
            cmd.add(root.resolve("bin/d4j").toString());
        } else {
            System.out.println(
                    "note: "
                            + newer
                            + " is newer than "
                            + jar
                            + ": bin/d4j would rebuild it; running java -jar instead");
            cmd.addAll(
                    List.of(
                            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                            "-XX:+UseSerialGC",
                            "-XX:TieredStopAtLevel=1",
                            "-jar",
                            jar.toString()));
        }
        cmd.addAll(List.of(args));
        Path out = Files.createTempFile("d4j", ".out");
        Path err = Files.createTempFile("d4j", ".err");
        Process p =
                new ProcessBuilder(cmd)
                        .directory(root.toFile())
                        .redirectOutput(out.toFile())
                        .redirectError(err.toFile())
                        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                        .start();
        try {
            boolean done = p.waitFor(60, TimeUnit.SECONDS);
            int exit = done ? p.exitValue() : -1;
            Run r =
                    new Run(
                            cmd,
                            exit,
                            Files.readString(out, StandardCharsets.UTF_8),
                            Files.readString(err, StandardCharsets.UTF_8));
            System.out.println(r);
            assertThat(done).as("d4j finished within 60 s\n" + r).isTrue();
            return r;
        } finally {
            if (p.isAlive()) {
                p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** A source the launcher's staleness check would see as newer than the jar, or null. */
    static Path newerSource(Path root, FileTime jarTime) throws IOException {
        List<Path> found = new ArrayList<>();
        Files.walkFileTree(
                root,
                new java.nio.file.SimpleFileVisitor<>() {
                    @Override
                    public java.nio.file.FileVisitResult preVisitDirectory(
                            Path dir, java.nio.file.attribute.BasicFileAttributes attrs) {
                        String n = dir.getFileName() == null ? "" : dir.getFileName().toString();
                        return n.equals("target") || n.equals(".git")
                                ? java.nio.file.FileVisitResult.SKIP_SUBTREE
                                : java.nio.file.FileVisitResult.CONTINUE;
                    }

                    @Override
                    public java.nio.file.FileVisitResult visitFile(
                            Path file, java.nio.file.attribute.BasicFileAttributes attrs) {
                        String n = file.getFileName().toString();
                        if ((n.endsWith(".java")
                                        || n.equals("pom.xml")
                                        || n.endsWith(".dict")
                                        || n.endsWith(".list")
                                        || n.endsWith(".properties"))
                                && attrs.lastModifiedTime().compareTo(jarTime) > 0) {
                            found.add(file);
                            return java.nio.file.FileVisitResult.TERMINATE;
                        }
                        return java.nio.file.FileVisitResult.CONTINUE;
                    }

                    @Override
                    public java.nio.file.FileVisitResult visitFileFailed(Path file, IOException e) {
                        return java.nio.file.FileVisitResult.CONTINUE;
                    }
                });
        return found.isEmpty() ? null : found.get(0);
    }
}
