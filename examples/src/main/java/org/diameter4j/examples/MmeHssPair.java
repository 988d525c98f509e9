package org.diameter4j.examples;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.diameter4j.codec.Avp;
import org.diameter4j.codec.DiameterMessage;
import org.diameter4j.dictionary.Dictionary;
import org.diameter4j.node.DiameterNode;
import org.diameter4j.node.NodeConfig;
import org.diameter4j.node.RequestContext;
import org.diameter4j.peer.ApplicationId;
import org.diameter4j.peer.PeerConfig;

/**
 * An MME and an HSS on S6a (3GPP TS 29.272) doing an Update Location — seed 004's bromelia pair,
 * both nodes in one process on loopback.
 *
 * <p>What it shows:
 *
 * <ul>
 *   <li>A 3GPP application: S6a is Auth-Application-Id 16777251 of vendor 10415, advertised in a
 *       Vendor-Specific-Application-Id ({@link ApplicationId#vendorAuth}) with Supported-Vendor-Id
 *       10415.
 *   <li>The HSS: a node listening on an OS-chosen port, that knows its MME as a peer (no
 *       accept-any), with a {@link org.diameter4j.node.RequestHandler} for ULR (command 316). A
 *       known IMSI gets Result-Code 2001, ULA-Flags and a minimal Subscription-Data; an unknown one
 *       gets Experimental-Result 5001 DIAMETER_ERROR_USER_UNKNOWN of vendor 10415. The node checks
 *       the ULR against its grammar before the handler runs (a ULR without RAT-Type gets 5005).
 *   <li>The MME: a node that connects to the HSS, waits for it, sends ULRs (Session-Id,
 *       Auth-Session-State NO_STATE_MAINTAINED, Destination-Realm, User-Name = IMSI, RAT-Type
 *       EUTRAN, ULR-Flags, Visited-PLMN-Id) and prints the answers.
 * </ul>
 *
 * <p>Run it (from the repository root):
 *
 * <pre>
 * ./mvnw -q -pl examples -am package -DskipTests
 * java -cp examples/target/classes:$(cat examples/target/classpath.txt) \
 *     org.diameter4j.examples.MmeHssPair 001010123456789 001019999999999
 * </pre>
 *
 * Arguments: the IMSIs to update (default: the one the HSS knows and one it does not). Exit code 0
 * when every answer is 2001.
 */
public final class MmeHssPair {
    /** S6a/S6d. */
    static final long S6A = 16777251;

    /** 3GPP. */
    static final int TGPP = 10415;

    /** Update-Location-Request/Answer. */
    static final int ULR = 316;

    static final String HSS_HOST = "hss.epc.mnc001.mcc001.3gppnetwork.org";
    static final String MME_HOST = "mme.epc.mnc001.mcc001.3gppnetwork.org";

    /** The HSS's subscribers: IMSI → MSISDN. */
    static final Map<String, String> SUBSCRIBERS = Map.of("001010123456789", "41780000001");

    /** DIAMETER_ERROR_USER_UNKNOWN (TS 29.272 §7.4.3), an Experimental-Result-Code of 3GPP. */
    static final long USER_UNKNOWN = 5001;

    private MmeHssPair() {}

    public static void main(String[] args) {
        String[] imsis =
                args.length > 0 ? args : new String[] {"001010123456789", "001019999999999"};
        List<Long> codes = run(System.out, imsis);
        System.exit(codes.stream().allMatch(c -> c == 2001) ? 0 : 1);
    }

    /**
     * Starts the HSS and the MME on loopback, sends one ULR per IMSI, prints each ULA, closes both.
     *
     * @return per IMSI, the Result-Code or Experimental-Result-Code of its ULA (-1 when none came)
     */
    public static List<Long> run(PrintStream out, String... imsis) {
        List<Long> codes = new ArrayList<>();
        try (DiameterNode hss = startHss(out)) {
            int port = hss.listenAddresses().get(0).getPort();
            out.println("HSS " + HSS_HOST + " listening on 127.0.0.1:" + port);
            try (DiameterNode mme =
                    DiameterNode.start(
                            NodeConfig.builder(MME_HOST)
                                    .application(ApplicationId.vendorAuth(TGPP, S6A))
                                    .supportedVendorId(TGPP)
                                    .peer(
                                            PeerConfig.connectTo("aaa://127.0.0.1:" + port)
                                                    .destinationHost(HSS_HOST)
                                                    .build())
                                    .build())) {
                mme.awaitReady(HSS_HOST, Duration.ofSeconds(10));
                out.println("MME " + MME_HOST + " connected to the HSS (CER/CEA done)");
                for (String imsi : imsis) {
                    codes.add(updateLocation(out, mme, imsi));
                }
                out.println("MME closing (DPR)");
            }
        }
        return codes;
    }

    // ---- HSS ----------------------------------------------------------------------------------

    static DiameterNode startHss(PrintStream out) {
        DiameterNode hss =
                DiameterNode.start(
                        NodeConfig.builder(HSS_HOST)
                                .application(ApplicationId.vendorAuth(TGPP, S6A))
                                .supportedVendorId(TGPP)
                                .listen("127.0.0.1:0")
                                // The MME is a known peer that connects to us: no URI.
                                .peer(PeerConfig.builder().destinationHost(MME_HOST).build())
                                .build());
        hss.handle(
                S6A,
                ULR,
                (ulr, ctx) ->
                        CompletableFuture.completedFuture(updateLocationAnswer(hss, ulr, ctx)));
        return hss;
    }

    /** The HSS's ULA: 2001 with Subscription-Data for a known IMSI, 5001 for an unknown one. */
    static DiameterMessage updateLocationAnswer(
            DiameterNode hss, DiameterMessage ulr, RequestContext ctx) {
        Dictionary d = ctx.dictionary();
        String imsi = d.get(ulr, "User-Name").asUtf8();
        String msisdn = SUBSCRIBERS.get(imsi);
        DiameterMessage ula;
        if (msisdn == null) {
            // Experimental-Result instead of Result-Code (TS 29.272 §7.4.3): the context's answer
            // helpers always add a Result-Code, so this answer is built from the request's.
            ula = ulr.answer();
            ula.add(
                    d.grouped(
                            "Experimental-Result",
                            d.avp("Vendor-Id", TGPP),
                            d.avp("Experimental-Result-Code", USER_UNKNOWN)));
            ula.add(d.avp("Origin-Host", hss.identity().originHost()));
            ula.add(d.avp("Origin-Realm", hss.identity().originRealm()));
        } else {
            ula = ctx.answer(ulr, 2001);
        }
        // ctx.answer already repeats these from the ULR; each is in the ULA grammar once
        // (TS 29.272 §7.2.4).
        if (d.get(ula, "Vendor-Specific-Application-Id") == null) {
            ula.add(
                    d.grouped(
                            "Vendor-Specific-Application-Id",
                            d.avp("Vendor-Id", TGPP),
                            d.avp("Auth-Application-Id", S6A)));
        }
        if (d.get(ula, "Auth-Session-State") == null) {
            ula.add(d.avp("Auth-Session-State", "NO_STATE_MAINTAINED"));
        }
        if (msisdn != null) {
            // Bit 0: Separation Indication.
            ula.add(d.avp("ULA-Flags", 1));
            ula.add(
                    d.grouped(
                            "Subscription-Data",
                            d.avp("Subscriber-Status", "SERVICE_GRANTED"),
                            d.avp("MSISDN", tbcd(msisdn)),
                            d.avp("Network-Access-Mode", "ONLY_PACKET"),
                            d.grouped(
                                    "AMBR",
                                    d.avp("Max-Requested-Bandwidth-UL", 50_000_000),
                                    d.avp("Max-Requested-Bandwidth-DL", 100_000_000))));
        }
        return ula;
    }

    // ---- MME ----------------------------------------------------------------------------------

    /** Sends one ULR and prints the ULA; returns its result code, -1 when none came. */
    static long updateLocation(PrintStream out, DiameterNode mme, String imsi) {
        Dictionary d = mme.dictionary();
        DiameterMessage ulr =
                d.request("ULR", S6A)
                        .add(d.avp("Session-Id", mme.newSessionId()))
                        .add(
                                d.grouped(
                                        "Vendor-Specific-Application-Id",
                                        d.avp("Vendor-Id", TGPP),
                                        d.avp("Auth-Application-Id", S6A)))
                        .add(d.avp("Auth-Session-State", "NO_STATE_MAINTAINED"))
                        // Origin-Host, Origin-Realm: added by the node.
                        .add(d.avp("Destination-Realm", "epc.mnc001.mcc001.3gppnetwork.org"))
                        .add(d.avp("User-Name", imsi))
                        .add(d.avp("RAT-Type", "EUTRAN"))
                        // Bit 0 Single-Registration-Indication, bit 1 S6a/S6d-Indicator (seed 004).
                        .add(d.avp("ULR-Flags", 3))
                        // MCC 001, MNC 01 (TS 29.272 §7.3.9: TBCD, filler F).
                        .add(d.avp("Visited-PLMN-Id", plmnId("001", "01")));
        out.println("MME -> ULR User-Name " + imsi);
        DiameterMessage ula;
        try {
            ula = mme.send(ulr).get(15, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            out.println("MME no ULA: " + e.getCause().getMessage());
            return -1;
        } catch (TimeoutException e) {
            out.println("MME no ULA: timeout");
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
        Avp rc = d.get(ula, "Result-Code");
        Avp er = d.get(ula, "Experimental-Result");
        long code;
        if (rc != null) {
            code = rc.asUnsigned32();
            out.println("MME <- ULA Result-Code " + code + " " + d.resultCodeName(code));
        } else if (er != null) {
            code = d.get(er, "Experimental-Result-Code").asUnsigned32();
            out.println(
                    "MME <- ULA Experimental-Result-Code "
                            + code
                            + " "
                            + d.experimentalResultName(code)
                            + " (vendor "
                            + d.get(er, "Vendor-Id").asUnsigned32()
                            + ")");
        } else {
            out.println("MME <- ULA without Result-Code or Experimental-Result");
            return -1;
        }
        Avp flags = d.get(ula, "ULA-Flags");
        if (flags != null) {
            out.println("    ULA-Flags " + flags.asUnsigned32());
        }
        Avp sub = d.get(ula, "Subscription-Data");
        if (sub != null) {
            Avp status = d.get(sub, "Subscriber-Status");
            Avp msisdn = d.get(sub, "MSISDN");
            out.println(
                    "    Subscription-Data: Subscriber-Status "
                            + d.valueName(status, status.asInt32())
                            + ", MSISDN "
                            + fromTbcd(msisdn.valueBytes()));
        }
        return code;
    }

    // ---- 3GPP encodings -----------------------------------------------------------------------

    /** A PLMN identity (TS 24.008 §10.5.1.13): 3 bytes of swapped digits, F for a 2-digit MNC. */
    static byte[] plmnId(String mcc, String mnc) {
        String mnc3 = mnc.length() == 2 ? "F" + mnc : mnc.substring(2) + mnc.substring(0, 2);
        int[] n = new int[6];
        n[0] = Character.digit(mcc.charAt(0), 16);
        n[1] = Character.digit(mcc.charAt(1), 16);
        n[2] = Character.digit(mcc.charAt(2), 16);
        n[3] = Character.digit(mnc3.charAt(0), 16);
        n[4] = Character.digit(mnc3.charAt(1), 16);
        n[5] = Character.digit(mnc3.charAt(2), 16);
        return new byte[] {
            (byte) (n[1] << 4 | n[0]), (byte) (n[3] << 4 | n[2]), (byte) (n[5] << 4 | n[4])
        };
    }

    /** Digits as TBCD (TS 29.002): two digits a byte, low nibble first, F filler. */
    static byte[] tbcd(String digits) {
        byte[] b = new byte[(digits.length() + 1) / 2];
        for (int i = 0; i < digits.length(); i++) {
            int v = Character.digit(digits.charAt(i), 10);
            b[i / 2] |= (byte) (i % 2 == 0 ? v : v << 4);
        }
        if (digits.length() % 2 == 1) {
            b[b.length - 1] |= (byte) 0xf0;
        }
        return b;
    }

    static String fromTbcd(byte[] b) {
        StringBuilder sb = new StringBuilder();
        for (byte x : b) {
            sb.append(x & 0x0f);
            int hi = (x >> 4) & 0x0f;
            if (hi != 0x0f) {
                sb.append(hi);
            }
        }
        return sb.toString();
    }
}
