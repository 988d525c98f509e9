package org.diameter4j.s6a.milenage;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

/**
 * The MILENAGE algorithm set (3GPP TS 35.206 §4): the authentication and key generation functions
 * f1, f1*, f2, f3, f4, f5 and f5* built on AES-128 as the kernel function E<sub>K</sub>.
 *
 * <p>One instance holds one subscriber's K and OPc. Thread-safe: each call uses its own cipher
 * instance.
 *
 * <pre>
 * TEMP = E_K(RAND ⊕ OPc)
 * OUT1 = E_K(TEMP ⊕ rot(IN1 ⊕ OPc, r1) ⊕ c1) ⊕ OPc      IN1 = SQN ‖ AMF ‖ SQN ‖ AMF
 * OUTi = E_K(rot(TEMP ⊕ OPc, ri) ⊕ ci) ⊕ OPc             i = 2 … 5
 * f1 = OUT1[0..63]  f1* = OUT1[64..127]  f2 = OUT2[64..127]  f5 = OUT2[0..47]
 * f3 = OUT3  f4 = OUT4  f5* = OUT5[0..47]
 * r1=64 r2=0 r3=32 r4=64 r5=96 (bits); c1=0 c2=1 c3=2 c4=4 c5=8 (in the last bit positions)
 * </pre>
 *
 * Verified against all the test sets of TS 35.207 §4 and TS 35.208 §4.3 (see the tests).
 */
public final class Milenage {
    private final byte[] k;
    private final byte[] opc;

    /** The outputs of f2, f3, f4, f5 and f5* for one RAND. */
    public record Outputs(byte[] res, byte[] ck, byte[] ik, byte[] ak, byte[] akStar) {}

    /**
     * @param k the 128-bit subscriber key
     * @param opc the 128-bit OPc (see {@link #opc(byte[], byte[])} to derive it from OP)
     */
    public Milenage(byte[] k, byte[] opc) {
        this.k = check(k, 16, "K").clone();
        this.opc = check(opc, 16, "OPc").clone();
    }

    /** A MILENAGE instance from K and OP: OPc is derived first. */
    public static Milenage withOp(byte[] k, byte[] op) {
        return new Milenage(k, opc(k, op));
    }

    /** OPc = OP ⊕ E<sub>K</sub>(OP) (TS 35.206 §4.1). */
    public static byte[] opc(byte[] k, byte[] op) {
        check(k, 16, "K");
        check(op, 16, "OP");
        return xor(aes(k, op), op);
    }

    public byte[] opc() {
        return opc.clone();
    }

    /** f1: the 64-bit network authentication code MAC-A. */
    public byte[] f1(byte[] rand, byte[] sqn, byte[] amf) {
        return Arrays.copyOfRange(out1(rand, sqn, amf), 0, 8);
    }

    /** f1*: the 64-bit resynchronisation authentication code MAC-S. */
    public byte[] f1Star(byte[] rand, byte[] sqn, byte[] amf) {
        return Arrays.copyOfRange(out1(rand, sqn, amf), 8, 16);
    }

    /** f2: the 64-bit response RES (XRES at the network side). */
    public byte[] f2(byte[] rand) {
        return Arrays.copyOfRange(out(temp(rand), 0, 1), 8, 16);
    }

    /** f3: the 128-bit cipher key CK. */
    public byte[] f3(byte[] rand) {
        return out(temp(rand), 4, 2);
    }

    /** f4: the 128-bit integrity key IK. */
    public byte[] f4(byte[] rand) {
        return out(temp(rand), 8, 4);
    }

    /** f5: the 48-bit anonymity key AK. */
    public byte[] f5(byte[] rand) {
        return Arrays.copyOfRange(out(temp(rand), 0, 1), 0, 6);
    }

    /** f5*: the 48-bit anonymity key used in resynchronisation (AUTS). */
    public byte[] f5Star(byte[] rand) {
        return Arrays.copyOfRange(out(temp(rand), 12, 8), 0, 6);
    }

    /** f2, f3, f4, f5 and f5* at once (one TEMP computation). */
    public Outputs f2345(byte[] rand) {
        byte[] temp = temp(rand);
        byte[] out2 = out(temp, 0, 1);
        return new Outputs(
                Arrays.copyOfRange(out2, 8, 16),
                out(temp, 4, 2),
                out(temp, 8, 4),
                Arrays.copyOfRange(out2, 0, 6),
                Arrays.copyOfRange(out(temp, 12, 8), 0, 6));
    }

    private byte[] temp(byte[] rand) {
        return aes(k, xor(check(rand, 16, "RAND"), opc));
    }

    private byte[] out1(byte[] rand, byte[] sqn, byte[] amf) {
        check(sqn, 6, "SQN");
        check(amf, 2, "AMF");
        byte[] temp = temp(rand);
        byte[] in1 = new byte[16];
        System.arraycopy(sqn, 0, in1, 0, 6);
        System.arraycopy(amf, 0, in1, 6, 2);
        System.arraycopy(sqn, 0, in1, 8, 6);
        System.arraycopy(amf, 0, in1, 14, 2);
        // r1 = 64 bits = 8 bytes, c1 = 0.
        byte[] x = xor(temp, rotate(xor(in1, opc), 8));
        return xor(aes(k, x), opc);
    }

    /** OUTi = E_K(rot(TEMP ⊕ OPc, r) ⊕ c) ⊕ OPc, with r in bytes and c in the last byte. */
    private byte[] out(byte[] temp, int rBytes, int c) {
        byte[] x = rotate(xor(temp, opc), rBytes);
        x[15] ^= (byte) c;
        return xor(aes(k, x), opc);
    }

    /** Cyclic rotation towards the most significant bit by {@code n} bytes. */
    private static byte[] rotate(byte[] in, int n) {
        byte[] out = new byte[16];
        for (int i = 0; i < 16; i++) {
            out[i] = in[(i + n) % 16];
        }
        return out;
    }

    static byte[] aes(byte[] key, byte[] block) {
        try {
            Cipher c = Cipher.getInstance("AES/ECB/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"));
            return c.doFinal(block);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-128 is not available: " + e, e);
        }
    }

    static byte[] xor(byte[] a, byte[] b) {
        byte[] out = new byte[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = (byte) (a[i] ^ b[i]);
        }
        return out;
    }

    static byte[] check(byte[] b, int len, String what) {
        if (b == null || b.length != len) {
            throw new IllegalArgumentException(
                    what
                            + " must be "
                            + len
                            + " bytes ("
                            + len * 2
                            + " hex digits), got "
                            + (b == null ? "nothing" : b.length + " bytes"));
        }
        return b;
    }
}
