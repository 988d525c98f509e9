package org.diameter4j.simulator.hss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.diameter4j.node.DiameterNode;
import org.diameter4j.node.NodeConfig;
import org.diameter4j.peer.PeerConfig;
import org.diameter4j.s6a.PlmnId;
import org.diameter4j.s6a.S6a;
import org.diameter4j.s6a.S6aAnswer;
import org.diameter4j.s6a.S6aClient;
import org.diameter4j.s6a.S6aResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HSS's registrations (IMSI → serving MME) are bounded by {@code max-registrations}: one more
 * is answered 5006 DIAMETER_RESOURCES_EXCEEDED (RFC 6733 §7.1.5), registered subscribers are still
 * served, and PUR / CLR free a slot.
 */
@Timeout(60)
class HssSimulatorRegistrationsTest {
    static final String HSS = "hss.epc.mnc001.mcc001.3gppnetwork.org";
    static final String MME_A = "mme-a.epc.mnc001.mcc001.3gppnetwork.org";
    static final String MME_B = "mme-b.epc.mnc001.mcc001.3gppnetwork.org";
    static final PlmnId PLMN = PlmnId.of("001", "01");
    static final String IMSI_1 = "001010000000001";
    static final String IMSI_2 = "001010000000002";
    static final String IMSI_3 = "001010000000003";

    @TempDir Path dir;

    static Subscriber subscriber(String imsi) {
        HexFormat h = HexFormat.of();
        return new Subscriber(
                imsi,
                h.parseHex("465b5ce8b199b49faa5f0a2ee238a6bc"),
                h.parseHex("cd63cb71954a9f4e48a5994e37a02baf"),
                h.parseHex("8000"),
                0,
                null,
                "SERVICE_GRANTED",
                "ONLY_PACKET",
                null,
                List.of());
    }

    /** An HSS holding at most two registrations, and two MMEs connected to it. */
    final class Net implements AutoCloseable {
        final DiameterNode hssNode;
        final HssSimulator hss;
        final List<DiameterNode> mmeNodes = new ArrayList<>();
        final S6aClient mmeA;
        final S6aClient mmeB;

        Net(int maxRegistrations) {
            hssNode =
                    DiameterNode.start(HssSimulator.nodeConfig(HSS).listen("127.0.0.1:0").build());
            hss =
                    HssSimulator.builder(
                                    SubscriberStore.inMemory(
                                            List.of(
                                                    subscriber(IMSI_1),
                                                    subscriber(IMSI_2),
                                                    subscriber(IMSI_3))))
                            .maxRegistrations(maxRegistrations)
                            .build()
                            .attach(hssNode);
            mmeA = mme(MME_A);
            mmeB = mme(MME_B);
        }

        private S6aClient mme(String host) {
            int port = hssNode.listenAddresses().get(0).getPort();
            DiameterNode n =
                    DiameterNode.start(
                            NodeConfig.builder(host)
                                    .application(S6a.application())
                                    .supportedVendorId(S6a.VENDOR_3GPP)
                                    .peer(
                                            PeerConfig.connectTo("aaa://127.0.0.1:" + port)
                                                    .destinationHost(HSS)
                                                    .build())
                                    .build());
            mmeNodes.add(n);
            n.awaitReady(HSS, Duration.ofSeconds(10));
            return new S6aClient(n);
        }

        @Override
        public void close() {
            mmeNodes.forEach(DiameterNode::close);
            hss.close();
            hssNode.close();
        }
    }

    static S6aAnswer get(CompletableFuture<S6aAnswer> f) throws Exception {
        return f.get(10, TimeUnit.SECONDS);
    }

    @Test
    void aUlrBeyondTheBoundGets5006WithAnErrorMessageAndRegisteredImsisAreStillServed()
            throws Exception {
        try (Net n = new Net(2)) {
            assertThat(get(n.mmeA.updateLocation(IMSI_1, PLMN)).isSuccess()).isTrue();
            assertThat(get(n.mmeA.updateLocation(IMSI_2, PLMN)).isSuccess()).isTrue();

            S6aAnswer refused = get(n.mmeA.updateLocation(IMSI_3, PLMN));
            assertThat(refused.result())
                    .isEqualTo(new S6aResult(5006, false, 0, "DIAMETER_RESOURCES_EXCEEDED"));
            assertThat(refused.errorMessage())
                    .contains("2 registrations (max-registrations)")
                    .contains(IMSI_3)
                    .contains("raise max-registrations");
            assertThat(refused.message().find(279, 0))
                    .as("no Failed-AVP: no AVP is at fault")
                    .isNull();
            assertThat(refused.message().find(277, 0)).as("Auth-Session-State").isNotNull();
            assertThat(refused.subscriptionData()).isNull();
            assertThat(n.hss.registration(IMSI_3)).isEmpty();

            // Full: a registered IMSI's ULR again, its move to another MME, and AIR still work.
            assertThat(get(n.mmeA.updateLocation(IMSI_1, PLMN)).isSuccess()).isTrue();
            assertThat(get(n.mmeB.updateLocation(IMSI_2, PLMN)).isSuccess()).isTrue();
            assertThat(n.hss.registration(IMSI_2).orElseThrow().mmeHost()).isEqualTo(MME_B);
            assertThat(get(n.mmeA.authenticationInformation(IMSI_3, PLMN, 1)).isSuccess())
                    .as("AIR keeps no registration")
                    .isTrue();
            assertThat(n.hss.registrationCount()).isEqualTo(2);
        }
    }

    @Test
    void aPurFromTheServingMmeFreesASlotAndOneFromAnotherMmeDoesNot() throws Exception {
        try (Net n = new Net(2)) {
            get(n.mmeA.updateLocation(IMSI_1, PLMN));
            get(n.mmeA.updateLocation(IMSI_2, PLMN));
            assertThat(get(n.mmeB.purgeUe(IMSI_1)).puaFlags()).as("not its MME").isZero();
            assertThat(get(n.mmeB.updateLocation(IMSI_3, PLMN)).result().code()).isEqualTo(5006);

            assertThat(get(n.mmeA.purgeUe(IMSI_1)).puaFlags()).isEqualTo(S6a.PUA_FREEZE_M_TMSI);
            assertThat(n.hss.registrationCount()).isEqualTo(1);
            assertThat(get(n.mmeB.updateLocation(IMSI_3, PLMN)).isSuccess()).isTrue();
            assertThat(n.hss.registration(IMSI_3).orElseThrow().mmeHost()).isEqualTo(MME_B);
        }
    }

    @Test
    void aSuccessfulClrFreesASlot() throws Exception {
        try (Net n = new Net(1)) {
            n.mmeA.onCancelLocation(r -> S6aResult.SUCCESS);
            get(n.mmeA.updateLocation(IMSI_1, PLMN));
            assertThat(get(n.mmeA.updateLocation(IMSI_2, PLMN)).result().code()).isEqualTo(5006);
            assertThat(
                            n.hss.cancelLocation(IMSI_1, "SUBSCRIPTION_WITHDRAWAL")
                                    .get(10, TimeUnit.SECONDS)
                                    .isSuccess())
                    .isTrue();
            assertThat(get(n.mmeA.updateLocation(IMSI_2, PLMN)).isSuccess()).isTrue();
        }
    }

    @Test
    void maxRegistrationsIsReadFromTheHssFile() throws Exception {
        Path f = dir.resolve("hss.yaml");
        String subscribers =
                """
                subscribers:
                  - imsi: "001010000000001"
                    k: "465b5ce8b199b49faa5f0a2ee238a6bc"
                    opc: "cd63cb71954a9f4e48a5994e37a02baf"
                """;
        Files.writeString(f, "max-registrations: 50_000\n" + subscribers);
        try (HssSimulator hss = HssSimulator.fromFile(f)) {
            assertThat(hss.maxRegistrations()).isEqualTo(50_000);
        }
        Files.writeString(f, subscribers);
        try (HssSimulator hss = HssSimulator.fromFile(f)) {
            assertThat(hss.maxRegistrations())
                    .isEqualTo(HssSimulator.DEFAULT_MAX_REGISTRATIONS)
                    .isEqualTo(100_000);
        }
        Files.writeString(f, "max-registrations: none\n" + subscribers);
        assertThatThrownBy(() -> HssSimulator.fromFile(f))
                .hasMessage(f + ":1:20: max-registrations: expected a number, got \"none\"");
        Files.writeString(f, "max-registration: 5\n" + subscribers);
        assertThatThrownBy(() -> HssSimulator.fromFile(f))
                .hasMessageContaining("allowed keys: subscribers, rules, max-registrations");
    }

    @Test
    void theBuilderRefusesABoundBelowOne() {
        assertThatThrownBy(
                        () ->
                                HssSimulator.builder(SubscriberStore.inMemory(List.of()))
                                        .maxRegistrations(0))
                .hasMessage("max-registrations must be at least 1, not 0");
    }
}
