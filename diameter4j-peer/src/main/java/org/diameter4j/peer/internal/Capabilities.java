package org.diameter4j.peer.internal;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.diameter4j.codec.Avp;
import org.diameter4j.codec.DiameterMessage;
import org.diameter4j.codec.type.DiameterAddress;
import org.diameter4j.peer.ApplicationId;
import org.diameter4j.peer.LocalIdentity;
import org.diameter4j.peer.RemoteCapabilities;

/**
 * Capabilities exchange (RFC 6733 §5.3): building CER and CEA from the local identity, reading the
 * peer's, and the application intersection that decides whether the peers have anything to say to
 * each other (5010 DIAMETER_NO_COMMON_APPLICATION otherwise).
 */
public final class Capabilities {
    static final int CER = 257;
    static final int HOST_IP_ADDRESS = 257;
    static final int AUTH_APPLICATION_ID = 258;
    static final int ACCT_APPLICATION_ID = 259;
    static final int VENDOR_SPECIFIC_APPLICATION_ID = 260;
    static final int ORIGIN_HOST = 264;
    static final int SUPPORTED_VENDOR_ID = 265;
    static final int VENDOR_ID = 266;
    static final int FIRMWARE_REVISION = 267;
    static final int RESULT_CODE = 268;
    static final int PRODUCT_NAME = 269;
    static final int ORIGIN_STATE_ID = 278;
    static final int ERROR_MESSAGE = 281;
    static final int FAILED_AVP = 279;
    static final int ORIGIN_REALM = 296;
    static final int INBAND_SECURITY_ID = 299;

    private static final int M = Avp.FLAG_MANDATORY;

    private Capabilities() {}

    /**
     * A CER (§5.3.1). {@code hostAddress} is the connected socket's local address — never 0.0.0.0
     * (M-04, seed 001 bug #2).
     */
    public static DiameterMessage cer(
            LocalIdentity local, InetAddress hostAddress, boolean offerTls) {
        DiameterMessage m = DiameterMessage.request(CER, 0, false);
        addIdentity(m, local);
        m.add(Avp.ofAddress(HOST_IP_ADDRESS, 0, M, hostAddress));
        addProduct(m, local, true, offerTls);
        return m;
    }

    /** A CEA (§5.3.2) answering {@code cer}. */
    public static DiameterMessage cea(
            DiameterMessage cer,
            LocalIdentity local,
            InetAddress hostAddress,
            long resultCode,
            String errorMessage,
            boolean selectTls) {
        DiameterMessage m = cer.answer();
        if (resultCode >= 3000 && resultCode < 4000) {
            m.setFlag(DiameterMessage.FLAG_ERROR, true); // §7.1.3 protocol errors carry the E bit
        }
        m.add(Avp.ofUnsigned32(RESULT_CODE, 0, M, resultCode));
        addIdentity(m, local);
        if (m.isError()) {
            // §7.2: with the E bit the CEA follows the answer-message grammar, which has no
            // capabilities AVPs (Host-IP-Address, Vendor-Id, Product-Name … carry the M bit and a
            // strict peer answers them 5001).
            if (errorMessage != null) {
                m.add(Avp.ofUtf8(ERROR_MESSAGE, 0, 0, errorMessage));
            }
            return m;
        }
        m.add(Avp.ofAddress(HOST_IP_ADDRESS, 0, M, hostAddress));
        if (errorMessage != null) {
            m.add(Avp.ofUtf8(ERROR_MESSAGE, 0, 0, errorMessage));
        }
        // A 5010 CEA lists our applications too, so the peer can see what we would have accepted.
        addProduct(m, local, resultCode == 2001 || resultCode == 5010, selectTls);
        return m;
    }

    private static void addIdentity(DiameterMessage m, LocalIdentity local) {
        m.add(Avp.ofUtf8(ORIGIN_HOST, 0, M, local.originHost()));
        m.add(Avp.ofUtf8(ORIGIN_REALM, 0, M, local.originRealm()));
    }

    private static void addProduct(
            DiameterMessage m, LocalIdentity local, boolean applications, boolean tls) {
        m.add(Avp.ofUnsigned32(VENDOR_ID, 0, M, local.vendorId() & 0xffffffffL));
        m.add(Avp.ofUtf8(PRODUCT_NAME, 0, 0, local.productName()));
        if (local.originStateId() != null) {
            m.add(Avp.ofUnsigned32(ORIGIN_STATE_ID, 0, M, local.originStateId()));
        }
        Set<Integer> vendors = new LinkedHashSet<>(local.supportedVendorIds());
        for (ApplicationId a : local.applications()) {
            if (a.vendorId() != 0) {
                vendors.add(a.vendorId());
            }
        }
        for (int v : vendors) {
            m.add(Avp.ofUnsigned32(SUPPORTED_VENDOR_ID, 0, M, v & 0xffffffffL));
        }
        if (applications) {
            for (ApplicationId a : local.applications()) {
                int code = a.accounting() ? ACCT_APPLICATION_ID : AUTH_APPLICATION_ID;
                if (a.vendorId() == 0) {
                    m.add(Avp.ofUnsigned32(code, 0, M, a.id()));
                } else {
                    m.add(
                            Avp.grouped(
                                    VENDOR_SPECIFIC_APPLICATION_ID,
                                    0,
                                    M,
                                    Avp.ofUnsigned32(VENDOR_ID, 0, M, a.vendorId() & 0xffffffffL),
                                    Avp.ofUnsigned32(code, 0, M, a.id())));
                }
            }
        }
        if (tls) {
            m.add(Avp.ofUnsigned32(INBAND_SECURITY_ID, 0, M, 1));
        }
        if (local.firmwareRevision() != null) {
            m.add(Avp.ofUnsigned32(FIRMWARE_REVISION, 0, 0, local.firmwareRevision()));
        }
    }

    /** Reads a CER or CEA; tolerant of missing AVPs (the grammar check reports those). */
    public static RemoteCapabilities read(DiameterMessage m) {
        String host = text(m.find(ORIGIN_HOST));
        String realm = text(m.find(ORIGIN_REALM));
        List<InetAddress> ips = new ArrayList<>();
        List<Long> vendors = new ArrayList<>();
        List<ApplicationId> apps = new ArrayList<>();
        List<Long> security = new ArrayList<>();
        long vendorId = 0;
        String product = null;
        Long osi = null;
        Long firmware = null;
        for (Avp a : m.avps()) {
            if (a.vendorId() != 0) {
                continue;
            }
            try {
                switch (a.code()) {
                    case HOST_IP_ADDRESS -> {
                        DiameterAddress addr = a.asAddress();
                        if (addr.family() == DiameterAddress.FAMILY_IPV4
                                || addr.family() == DiameterAddress.FAMILY_IPV6) {
                            ips.add(addr.inetAddress());
                        }
                    }
                    case VENDOR_ID -> vendorId = a.asUnsigned32();
                    case PRODUCT_NAME -> product = a.asUtf8();
                    case ORIGIN_STATE_ID -> osi = a.asUnsigned32();
                    case FIRMWARE_REVISION -> firmware = a.asUnsigned32();
                    case SUPPORTED_VENDOR_ID -> vendors.add(a.asUnsigned32());
                    case AUTH_APPLICATION_ID -> apps.add(ApplicationId.auth(a.asUnsigned32()));
                    case ACCT_APPLICATION_ID -> apps.add(ApplicationId.acct(a.asUnsigned32()));
                    case INBAND_SECURITY_ID -> security.add(a.asUnsigned32());
                    case VENDOR_SPECIFIC_APPLICATION_ID -> {
                        Avp v = a.children().find(VENDOR_ID);
                        Avp auth = a.children().find(AUTH_APPLICATION_ID);
                        Avp acct = a.children().find(ACCT_APPLICATION_ID);
                        int vid = v == null ? 0 : (int) v.asUnsigned32();
                        if (auth != null) {
                            apps.add(new ApplicationId(auth.asUnsigned32(), vid, false));
                        }
                        if (acct != null) {
                            apps.add(new ApplicationId(acct.asUnsigned32(), vid, true));
                        }
                    }
                    default -> {}
                }
            } catch (RuntimeException e) {
                // a malformed value: the grammar/decoder reports it; capabilities ignore it
            }
        }
        // Exact-size immutable copies: a peer keeps these for as long as it is connected.
        return new RemoteCapabilities(
                host,
                realm,
                List.copyOf(ips),
                vendorId,
                product,
                osi,
                firmware,
                List.copyOf(vendors),
                List.copyOf(apps),
                List.copyOf(security));
    }

    private static String text(Avp a) {
        return a == null ? null : a.asUtf8();
    }

    /**
     * The applications both sides support (§5.3): the same Application-Id in the same role (auth or
     * acct), whether or not it came inside a Vendor-Specific-Application-Id. A side that advertises
     * the Relay Application Id supports every application of the other.
     */
    public static List<ApplicationId> common(
            List<ApplicationId> local, List<ApplicationId> remote) {
        boolean localRelay = local.stream().anyMatch(ApplicationId::isRelay);
        boolean remoteRelay = remote.stream().anyMatch(ApplicationId::isRelay);
        List<ApplicationId> out = new ArrayList<>();
        if (remoteRelay) {
            out.addAll(local);
            return out;
        }
        if (localRelay) {
            out.addAll(remote);
            return out;
        }
        for (ApplicationId r : remote) {
            for (ApplicationId l : local) {
                if (l.id() == r.id() && l.accounting() == r.accounting() && !out.contains(r)) {
                    out.add(r);
                }
            }
        }
        return out;
    }
}
