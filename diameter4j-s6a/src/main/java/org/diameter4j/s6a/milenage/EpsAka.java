package org.diameter4j.s6a.milenage;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * EPS AKA (3GPP TS 33.401 §6.1, Annex A.2) on top of {@link Milenage}: E-UTRAN authentication
 * vectors for the HSS, resynchronisation (TS 33.102 §6.3.5) and the USIM side of both (for
 * simulated UEs and tests).
 *
 * <ul>
 *   <li>AUTN = SQN ⊕ AK ‖ AMF ‖ MAC-A (TS 33.102 §6.3.2), with the AMF separation bit (bit 0 of
 *       octet 1) set for E-UTRAN (TS 33.401 §6.1.1) unless the caller's AMF already carries it
 *   <li>K<sub>ASME</sub> = KDF(CK ‖ IK, S), S = FC=0x10 ‖ P0 = SN id ‖ L0 = 0x0003 ‖ P1 = SQN ⊕ AK
 *       ‖ L1 = 0x0006, with KDF = HMAC-SHA-256 (TS 33.220 Annex B.2, TS 33.401 Annex A.2)
 *   <li>AUTS = SQN<sub>MS</sub> ⊕ AK* ‖ MAC-S, with MAC-S = f1*(SQN<sub>MS</sub>, RAND, AMF =
 *       0x0000)
 * </ul>
 */
public final class EpsAka {
    /** The largest 48-bit sequence number. */
    public static final long MAX_SQN = 0xffff_ffff_ffffL;

    /** FC of the K<sub>ASME</sub> derivation (TS 33.401 Annex A.2). */
    public static final int FC_KASME = 0x10;

    private static final SecureRandom RANDOM = new SecureRandom();

    private EpsAka() {}

    /** One E-UTRAN authentication vector (TS 29.272 §7.3.18), with the SQN it was made with. */
    public record EutranVector(byte[] rand, byte[] xres, byte[] autn, byte[] kasme, long sqn) {}

    /** What the USIM finds in an AUTN it accepts: the SQN, RES, CK and IK. */
    public record UsimResult(long sqn, byte[] amf, byte[] res, byte[] ck, byte[] ik) {}

    /** A MAC-A or MAC-S that does not verify (TS 33.102 §6.3.3, §6.3.5). */
    public static final class MacFailureException extends RuntimeException {
        public MacFailureException(String message) {
            super(message);
        }
    }

    /** A vector with a fresh random RAND. */
    public static EutranVector vector(Milenage m, long sqn, byte[] amf, byte[] servingNetworkId) {
        byte[] rand = new byte[16];
        RANDOM.nextBytes(rand);
        return vector(m, rand, sqn, amf, servingNetworkId);
    }

    /**
     * A vector for this RAND and SQN. {@code amf} is used as given (set its separation bit 0x8000
     * for E-UTRAN, TS 33.401 §6.1.1); {@code servingNetworkId} is the 3-octet PLMN id of the
     * Visited-PLMN-Id AVP.
     */
    public static EutranVector vector(
            Milenage m, byte[] rand, long sqn, byte[] amf, byte[] servingNetworkId) {
        byte[] sqnBytes = sqnBytes(sqn);
        Milenage.check(amf, 2, "AMF");
        Milenage.check(servingNetworkId, 3, "serving network id (PLMN id)");
        Milenage.Outputs o = m.f2345(rand);
        byte[] sqnXorAk = Milenage.xor(sqnBytes, o.ak());
        byte[] autn = new byte[16];
        System.arraycopy(sqnXorAk, 0, autn, 0, 6);
        System.arraycopy(amf, 0, autn, 6, 2);
        System.arraycopy(m.f1(rand, sqnBytes, amf), 0, autn, 8, 8);
        return new EutranVector(
                rand.clone(),
                o.res(),
                autn,
                kasme(o.ck(), o.ik(), servingNetworkId, sqnXorAk),
                sqn);
    }

    /** K<sub>ASME</sub> (TS 33.401 Annex A.2). */
    public static byte[] kasme(byte[] ck, byte[] ik, byte[] servingNetworkId, byte[] sqnXorAk) {
        Milenage.check(ck, 16, "CK");
        Milenage.check(ik, 16, "IK");
        byte[] key = new byte[32];
        System.arraycopy(ck, 0, key, 0, 16);
        System.arraycopy(ik, 0, key, 16, 16);
        return kdf(
                key,
                FC_KASME,
                Milenage.check(servingNetworkId, 3, "serving network id"),
                Milenage.check(sqnXorAk, 6, "SQN xor AK"));
    }

    /** The generic KDF of TS 33.220 Annex B.2: HMAC-SHA-256(key, FC ‖ P0 ‖ L0 ‖ P1 ‖ L1 …). */
    public static byte[] kdf(byte[] key, int fc, byte[]... params) {
        int len = 1;
        for (byte[] p : params) {
            len += p.length + 2;
        }
        byte[] s = new byte[len];
        s[0] = (byte) fc;
        int at = 1;
        for (byte[] p : params) {
            System.arraycopy(p, 0, s, at, p.length);
            at += p.length;
            s[at++] = (byte) (p.length >>> 8);
            s[at++] = (byte) p.length;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(s);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA-256 is not available: " + e, e);
        }
    }

    // ---- resynchronisation ------------------------------------------------------------------

    /**
     * The HSS side of resynchronisation (TS 33.102 §6.3.5): SQN<sub>MS</sub> from
     * Re-Synchronization-Info = RAND (16 octets) ‖ AUTS (14 octets).
     *
     * @throws MacFailureException when MAC-S does not verify
     */
    public static long resync(Milenage m, byte[] resynchronizationInfo) {
        Milenage.check(resynchronizationInfo, 30, "Re-Synchronization-Info (RAND ‖ AUTS)");
        return resync(
                m,
                Arrays.copyOfRange(resynchronizationInfo, 0, 16),
                Arrays.copyOfRange(resynchronizationInfo, 16, 30));
    }

    /** As {@link #resync(Milenage, byte[])} with RAND and AUTS apart. */
    public static long resync(Milenage m, byte[] rand, byte[] auts) {
        Milenage.check(auts, 14, "AUTS");
        byte[] sqnMs = Milenage.xor(Arrays.copyOfRange(auts, 0, 6), m.f5Star(rand));
        byte[] macS = m.f1Star(rand, sqnMs, new byte[2]);
        if (!java.security.MessageDigest.isEqual(macS, Arrays.copyOfRange(auts, 6, 14))) {
            throw new MacFailureException(
                    "AUTS does not verify: MAC-S mismatch (wrong K/OPc, or RAND not the one of the failed challenge)");
        }
        return sqnValue(sqnMs);
    }

    /** The USIM side: AUTS for SQN<sub>MS</sub> (TS 33.102 §6.3.3). */
    public static byte[] auts(Milenage m, byte[] rand, long sqnMs) {
        byte[] sqn = sqnBytes(sqnMs);
        byte[] auts = new byte[14];
        System.arraycopy(Milenage.xor(sqn, m.f5Star(rand)), 0, auts, 0, 6);
        System.arraycopy(m.f1Star(rand, sqn, new byte[2]), 0, auts, 6, 8);
        return auts;
    }

    /**
     * The USIM side of a challenge (TS 33.102 §6.3.3): recovers SQN from AUTN, checks MAC-A, and
     * returns SQN, RES, CK and IK. The SQN freshness check is the caller's.
     *
     * @throws MacFailureException when MAC-A does not verify
     */
    public static UsimResult usim(Milenage m, byte[] rand, byte[] autn) {
        Milenage.check(autn, 16, "AUTN");
        Milenage.Outputs o = m.f2345(rand);
        byte[] sqn = Milenage.xor(Arrays.copyOfRange(autn, 0, 6), o.ak());
        byte[] amf = Arrays.copyOfRange(autn, 6, 8);
        byte[] mac = m.f1(rand, sqn, amf);
        if (!java.security.MessageDigest.isEqual(mac, Arrays.copyOfRange(autn, 8, 16))) {
            throw new MacFailureException("AUTN does not verify: MAC-A mismatch");
        }
        return new UsimResult(sqnValue(sqn), amf, o.res(), o.ck(), o.ik());
    }

    // ---- SQN ----------------------------------------------------------------------------------

    /** SQN as 6 octets, big-endian. */
    public static byte[] sqnBytes(long sqn) {
        if (sqn < 0 || sqn > MAX_SQN) {
            throw new IllegalArgumentException(
                    "SQN " + sqn + " is outside 0.." + MAX_SQN + " (48 bits)");
        }
        byte[] b = new byte[6];
        for (int i = 5; i >= 0; i--) {
            b[i] = (byte) sqn;
            sqn >>>= 8;
        }
        return b;
    }

    /** SQN from 6 octets, big-endian. */
    public static long sqnValue(byte[] sqn) {
        Milenage.check(sqn, 6, "SQN");
        long v = 0;
        for (byte b : sqn) {
            v = (v << 8) | (b & 0xff);
        }
        return v;
    }
}
