package org.diameter4j.transport;

import org.diameter4j.codec.Avp;
import org.diameter4j.codec.DiameterMessage;

/** Small messages for tests. */
final class Messages {
    private Messages() {}

    static final int ORIGIN_HOST = 264;
    static final int DWR = 280;
    static final int CER = 257;

    /** A Device-Watchdog-Request whose Hop-by-Hop identifier is {@code id}. */
    static DiameterMessage dwr(int id) {
        return DiameterMessage.request(DWR, 0, false)
                .hopByHop(id)
                .endToEnd(id)
                .add(Avp.ofUtf8(ORIGIN_HOST, 0, Avp.FLAG_MANDATORY, "client.example.net"));
    }

    static DiameterMessage cer() {
        return DiameterMessage.request(CER, 0, false)
                .hopByHop(1)
                .endToEnd(1)
                .add(Avp.ofUtf8(ORIGIN_HOST, 0, Avp.FLAG_MANDATORY, "client.example.net"));
    }

    static byte[] bytes(DiameterMessage m) {
        return m.toBytes();
    }
}
