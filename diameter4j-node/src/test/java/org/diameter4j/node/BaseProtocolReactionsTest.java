package org.diameter4j.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.diameter4j.node.TestNet.D;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import org.diameter4j.codec.Avp;
import org.diameter4j.codec.DiameterMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What a server answers to base-protocol requests that break their grammar, and to a CER on an open
 * connection (issue 9 §2), seen from a raw socket: the bytes a misbehaving peer would send, and the
 * answer it gets back. Each answer is itself judged by the grammar (the suite runs with
 * strict-send), so an error answer that a strict peer could not decode fails here too.
 */
@Timeout(20)
class BaseProtocolReactionsTest {
    private static final int CER = 257;
    private static final int DWR = 280;
    private static final int DPR = 282;
    private static final int ORIGIN_HOST = 264;
    private static final int ORIGIN_REALM = 296;
    private static final String CLIENT = "raw.example.com";

    private final Servers.Seen seen = new Servers.Seen();
    private DiameterNode server;
    private Socket socket;

    @BeforeEach
    void start() throws IOException {
        server = Servers.gy("ocs.example.net", seen);
        socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", Servers.port(server)), 5000);
        socket.setSoTimeout(5000);
    }

    @AfterEach
    void stop() throws IOException {
        socket.close();
        server.close();
    }

    /** RFC 6733 §5.3.1, §7.1.5: a CER without Origin-Host is 5005 with Failed-AVP, then closed. */
    @Test
    void cerWithoutOriginHostIs5005AndTheConnectionIsClosed() throws IOException {
        DiameterMessage cer = without(cer(), ORIGIN_HOST);
        DiameterMessage cea = exchange(cer);
        assertThat(cea.commandCode()).isEqualTo(CER);
        assertThat(resultCode(cea)).isEqualTo(5005);
        assertFailedAvp(cea, ORIGIN_HOST);
        assertThat(TestNet.closedByPeer(socket)).as("closed after the refused CER").isTrue();
    }

    /** §5.5.1, §7.1.5: a DWR without Origin-Host is 5005 with Failed-AVP — never a DWA 2001. */
    @Test
    void dwrWithoutOriginHostIs5005() throws IOException {
        open();
        DiameterMessage dwa = exchange(without(dwr(), ORIGIN_HOST));
        assertThat(dwa.commandCode()).isEqualTo(DWR);
        assertThat(resultCode(dwa)).isEqualTo(5005);
        assertFailedAvp(dwa, ORIGIN_HOST);
        assertStillOpen();
    }

    /** §5.5.1, §7.1.5: a DWR without Origin-Realm is 5005 too. */
    @Test
    void dwrWithoutOriginRealmIs5005() throws IOException {
        open();
        DiameterMessage dwa = exchange(without(dwr(), ORIGIN_REALM));
        assertThat(resultCode(dwa)).isEqualTo(5005);
        assertFailedAvp(dwa, ORIGIN_REALM);
    }

    /** §4.1, §7.1.5: an unknown AVP with the M bit, in a DWR too, is 5001 with that AVP. */
    @Test
    void unknownMandatoryAvpInDwrIs5001WithThatAvp() throws IOException {
        open();
        DiameterMessage dwr =
                dwr().add(Avp.ofBytes(987654, 0, Avp.FLAG_MANDATORY, new byte[] {1, 2, 3, 4}));
        DiameterMessage dwa = exchange(dwr);
        assertThat(resultCode(dwa)).isEqualTo(5001);
        assertFailedAvp(dwa, 987654);
        assertStillOpen();
    }

    /** §4.1: an unknown AVP without the M bit is ignored: DWA 2001. */
    @Test
    void unknownOptionalAvpInDwrIsIgnored() throws IOException {
        open();
        DiameterMessage dwr = dwr().add(Avp.ofBytes(987654, 0, 0, new byte[] {1, 2, 3, 4}));
        assertThat(resultCode(exchange(dwr))).isEqualTo(2001);
    }

    /**
     * §5.4.1, §7.1.5: a DPR without its Disconnect-Cause is 5005 and does not disconnect: the
     * connection stays open for the next request.
     */
    @Test
    void dprWithoutDisconnectCauseIs5005AndTheConnectionStaysOpen() throws IOException {
        open();
        DiameterMessage dpr =
                DiameterMessage.request(DPR, 0, false)
                        .add(Avp.ofUtf8(ORIGIN_HOST, 0, Avp.FLAG_MANDATORY, CLIENT))
                        .add(Avp.ofUtf8(ORIGIN_REALM, 0, Avp.FLAG_MANDATORY, "example.com"));
        DiameterMessage dpa = exchange(dpr);
        assertThat(dpa.commandCode()).isEqualTo(DPR);
        assertThat(resultCode(dpa)).isEqualTo(5005);
        assertStillOpen();
    }

    /**
     * RFC 6733 §5.6 has no CER event in the open states (RFC 3588's {@code R-Open, R-Rcv-CER} row
     * is gone): a second CER is answered CEA 5012 with an Error-Message, never left without an
     * answer, and the connection keeps working with the first capabilities.
     */
    @Test
    void aSecondCerOnAnOpenConnectionGetsCea5012() throws IOException {
        open();
        DiameterMessage cea = exchange(cer().hopByHop(77));
        assertThat(cea.commandCode()).isEqualTo(CER);
        assertThat(cea.hopByHop()).isEqualTo(77);
        assertThat(resultCode(cea)).isEqualTo(5012);
        assertThat(D.get(cea, "Error-Message").asUtf8()).contains("already exchanged");
        assertStillOpen();
    }

    /**
     * Found by NodeFuzzTest: a malformed CER on an open connection (here a Vendor-Id of 2 bytes,
     * 5014 DIAMETER_INVALID_AVP_LENGTH, RFC 6733 §7.1.5) was answered with a bare error answer.
     * 5014 carries no E bit, so the CEA grammar (§5.3.2) applies: Host-IP-Address, Vendor-Id and
     * Product-Name are required, Failed-AVP names the broken AVP, and the connection stays open.
     */
    @Test
    void aMalformedSecondCerGetsACompleteCeaWithFailedAvp() throws IOException {
        open();
        DiameterMessage bad = without(cer(), 266);
        bad.add(Avp.ofBytes(266, 0, Avp.FLAG_MANDATORY, new byte[2]));
        DiameterMessage cea = exchange(bad.hopByHop(78));
        assertThat(cea.commandCode()).isEqualTo(CER);
        assertThat(cea.isError()).isFalse();
        assertThat(resultCode(cea)).isEqualTo(5014);
        assertFailedAvp(cea, 266);
        assertThat(D.get(cea, "Host-IP-Address")).isNotNull();
        assertThat(D.get(cea, "Vendor-Id")).isNotNull();
        assertThat(D.get(cea, "Product-Name")).isNotNull();
        assertStillOpen();
    }

    /**
     * RFC 4006 §8.3, RFC 6733 §7.1.5: an undefined value of an M-bit Enumerated AVP is 5004
     * DIAMETER_INVALID_AVP_VALUE with that AVP in Failed-AVP; the handler never sees it.
     */
    @Test
    void undefinedCcRequestTypeIs5004WithFailedAvp() throws IOException {
        open();
        DiameterMessage ccr = ccrWithRequestType(1, Avp.ofInt32(416, 0, Avp.FLAG_MANDATORY, 99));
        DiameterMessage cca = exchange(ccr);
        assertThat(resultCode(cca)).isEqualTo(5004);
        Avp failed = assertFailedAvp(cca, 416);
        assertThat(failed.children().find(416).asInt32()).isEqualTo(99);
        assertThat(seen.handled).hasValue(0);
    }

    /**
     * The same without the M bit: RFC 6733 §4.1 lets a receiver ignore an unrecognised value only
     * in an AVP it may ignore, and the CCR grammar requires CC-Request-Type (found by {@code
     * HostileTrafficTest}, seed 66154686684754: the handler got such a CCR and its CCA had no
     * CC-Request-Type to echo).
     */
    @Test
    void undefinedValueOfARequiredAvpWithoutTheMBitIsAlso5004() throws IOException {
        open();
        DiameterMessage ccr = ccrWithRequestType(2, Avp.ofInt32(416, 0, 0, 20));
        DiameterMessage cca = exchange(ccr);
        assertThat(resultCode(cca)).isEqualTo(5004);
        assertThat(assertFailedAvp(cca, 416).children().find(416).asInt32()).isEqualTo(20);
        assertThat(seen.handled).hasValue(0);
    }

    /** A CCR whose CC-Request-Type is {@code requestType}, as a test wants it broken. */
    private static DiameterMessage ccrWithRequestType(int session, Avp requestType) {
        return D.request("CCR", 4)
                .add(D.avp("Session-Id", CLIENT + ";1;" + session))
                .add(D.avp("Origin-Host", CLIENT))
                .add(D.avp("Origin-Realm", "example.com"))
                .add(D.avp("Destination-Realm", "example.net"))
                .add(D.avp("Auth-Application-Id", 4))
                .add(D.avp("Service-Context-Id", "32251@3gpp.org"))
                .add(requestType)
                .add(D.avp("CC-Request-Number", 0));
    }

    private void open() throws IOException {
        assertThat(resultCode(exchange(cer()))).isEqualTo(2001);
    }

    private void assertStillOpen() throws IOException {
        assertThat(resultCode(exchange(dwr().hopByHop(4242)))).isEqualTo(2001);
    }

    private DiameterMessage exchange(DiameterMessage request) throws IOException {
        if (request.hopByHop() == 0) {
            request.hopByHop(request.commandCode()).endToEnd(request.commandCode());
        }
        TestNet.write(socket.getOutputStream(), request);
        DiameterMessage a = TestNet.read(socket.getInputStream());
        assertThat(a).as("an answer to " + request.commandCode()).isNotNull();
        assertThat(a.isRequest()).isFalse();
        assertThat(a.hopByHop()).isEqualTo(request.hopByHop());
        return a;
    }

    private DiameterMessage cer() {
        return TestNet.rawCer(CLIENT, socket.getLocalAddress());
    }

    private static DiameterMessage dwr() {
        return TestNet.rawDwr(CLIENT);
    }

    /** A copy of {@code m} without its AVPs of {@code code}. */
    private static DiameterMessage without(DiameterMessage m, int code) {
        DiameterMessage out =
                new DiameterMessage(
                        m.flags(), m.commandCode(), m.applicationId(), m.hopByHop(), m.endToEnd());
        for (Avp a : m.avps()) {
            if (a.code() != code) {
                out.add(a);
            }
        }
        return out;
    }

    private static long resultCode(DiameterMessage a) {
        return D.get(a, "Result-Code").asUnsigned32();
    }

    private static Avp assertFailedAvp(DiameterMessage a, int code) {
        Avp failed = D.get(a, "Failed-AVP");
        assertThat(failed).as("Failed-AVP").isNotNull();
        assertThat(failed.children().find(code)).as("Failed-AVP names AVP " + code).isNotNull();
        return failed;
    }
}
