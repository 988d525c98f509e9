package org.diameter4j.benchmarks;

import java.time.Instant;
import org.diameter4j.codec.DiameterMessage;
import org.diameter4j.dictionary.Dictionary;

/** The messages the benchmarks encode and decode, built by name as an application would. */
final class Messages {
    private Messages() {}

    /** A Gy CCR-INITIAL for a data session with one Multiple-Services-Credit-Control: 300 bytes. */
    static DiameterMessage gyCcrInitial(Dictionary d) {
        return gyCcrInitial(d, "pgw1.example.com;1766448000;42;data", "41780000001");
    }

    /** As {@link #gyCcrInitial(Dictionary)}, for another session and subscriber (MSISDN). */
    static DiameterMessage gyCcrInitial(Dictionary d, String sessionId, String msisdn) {
        return d.request("CCR", 4)
                .hopByHop(0x1234)
                .endToEnd(0x5678)
                .add(d.avp("Session-Id", sessionId))
                .add(d.avp("Origin-Host", "pgw1.example.com"))
                .add(d.avp("Origin-Realm", "example.com"))
                .add(d.avp("Destination-Realm", "ocs.example.net"))
                .add(d.avp("Auth-Application-Id", 4))
                .add(d.avp("Service-Context-Id", "32251@3gpp.org"))
                .add(d.avp("CC-Request-Type", "INITIAL_REQUEST"))
                .add(d.avp("CC-Request-Number", 0))
                .add(d.avp("Event-Timestamp", Instant.ofEpochSecond(1766448000L)))
                .add(
                        d.grouped(
                                "Subscription-Id",
                                d.avp("Subscription-Id-Type", "END_USER_E164"),
                                d.avp("Subscription-Id-Data", msisdn)))
                .add(
                        d.grouped(
                                "Multiple-Services-Credit-Control",
                                d.grouped(
                                        "Requested-Service-Unit",
                                        d.avp("CC-Total-Octets", 1_000_000L)),
                                d.avp("Rating-Group", 100),
                                d.avp("Service-Identifier", 1)));
    }

    /**
     * Seed 001's SMS event CCR (484 bytes, four levels of Grouped AVPs: Multiple-Services-Credit-
     * Control, Service-Information › SMS-Information › Recipient-Info › Recipient-Address), built
     * by name; GoldenVectorTest pins it byte for byte to
     * examples/messages/seed001-ccr-sms-event.hex.
     */
    static DiameterMessage seed001SmsEventCcr(Dictionary d) {
        return d.request("CCR", 4)
                .hopByHop(1)
                .endToEnd(1)
                .add(d.avp("Session-Id", "relay2.test.realm;1766448000;1"))
                .add(d.avp("Origin-Host", "relay2.test.realm"))
                .add(d.avp("Origin-Realm", "mobistar.be"))
                .add(d.avp("Destination-Realm", "ipbb.prod.be"))
                .add(d.avp("Destination-Host", "VOICE-OBE.drfbor1.ipbb.prod.be"))
                .add(d.avp("Auth-Application-Id", 4))
                .add(d.avp("Service-Context-Id", "32274@3gpp.org"))
                .add(d.avp("CC-Request-Type", "EVENT_REQUEST"))
                .add(d.avp("CC-Request-Number", 1))
                .add(d.avp("Origin-State-Id", 1766448000L))
                .add(d.avp("User-Name", "diameter"))
                .add(d.avp("Event-Timestamp", Instant.ofEpochSecond(1766448000L)))
                .add(d.avp("Requested-Action", "DIRECT_DEBITING"))
                .add(
                        d.grouped(
                                "Subscription-Id",
                                d.avp("Subscription-Id-Type", "END_USER_E164"),
                                d.avp("Subscription-Id-Data", "41780000001")))
                .add(
                        d.grouped(
                                "Multiple-Services-Credit-Control",
                                d.grouped(
                                        "Requested-Service-Unit",
                                        d.avp("CC-Service-Specific-Units", 1)),
                                d.avp("Service-Identifier", 1)))
                .add(
                        d.grouped(
                                "Service-Information",
                                d.grouped(
                                        "SMS-Information",
                                        d.avp("Data-Coding-Scheme", 8),
                                        d.avp("SM-Message-Type", "SUBMISSION"),
                                        d.grouped(
                                                "Recipient-Info",
                                                d.grouped(
                                                        "Recipient-Address",
                                                        d.avp("Address-Type", "MSISDN"),
                                                        d.avp("Address-Data", "41780000002"))))));
    }

    /** Seed 003's CEA: 240 bytes. */
    static DiameterMessage cea(Dictionary d) {
        return new DiameterMessage(0, 257, 0, 19864, (int) 3486524428L)
                .add(d.avp("Result-Code", 2001))
                .add(d.avp("Origin-Host", "dra-1.realm-2.com"))
                .add(d.avp("Origin-Realm", "realm-2.com"))
                .add(d.avp("Host-IP-Address", "2001:db8:2:6::1"))
                .add(d.avp("Vendor-Id", 6527))
                .add(d.avp("Product-Name", "PythonDiameterAgent1"))
                .add(d.avp("Origin-State-Id", 1574277432L))
                .add(d.avp("Supported-Vendor-Id", 10415))
                .add(d.avp("Auth-Application-Id", 1))
                .add(d.avp("Auth-Application-Id", 16777238))
                .add(
                        d.grouped(
                                "Vendor-Specific-Application-Id",
                                d.avp("Vendor-Id", 10415),
                                d.avp("Auth-Application-Id", 16777238)))
                .add(d.avp("Firmware-Revision", 1));
    }
}
