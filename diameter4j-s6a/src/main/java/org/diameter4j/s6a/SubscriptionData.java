package org.diameter4j.s6a;

import java.util.ArrayList;
import java.util.List;
import org.diameter4j.codec.Avp;
import org.diameter4j.dictionary.AvpDefinition;
import org.diameter4j.dictionary.Dictionary;

/**
 * The parts of Subscription-Data (TS 29.272 §7.3.2) an EPS subscriber needs: MSISDN, status, access
 * mode, UE-AMBR and the APN-Configuration-Profile. Built to and read from the Grouped AVP; AVPs not
 * modelled here are kept in {@link #raw()} when read.
 *
 * @param msisdn E.164 digits (TBCD on the wire), or null
 * @param subscriberStatus SERVICE_GRANTED or OPERATOR_DETERMINED_BARRING, or null
 * @param networkAccessMode PACKET_AND_CIRCUIT or ONLY_PACKET, or null
 * @param ambr the UE-AMBR, or null
 * @param apnConfigurationProfile the APNs, or null
 * @param raw the AVP it was read from (null when built)
 */
public record SubscriptionData(
        String msisdn,
        String subscriberStatus,
        String networkAccessMode,
        Ambr ambr,
        ApnConfigurationProfile apnConfigurationProfile,
        Avp raw) {

    /**
     * AMBR {Max-Requested-Bandwidth-UL, Max-Requested-Bandwidth-DL} in bit/s (TS 29.272 §7.3.41).
     */
    public record Ambr(long uplink, long downlink) {}

    /** APN-Configuration-Profile (TS 29.272 §7.3.34). */
    public record ApnConfigurationProfile(
            long contextIdentifier,
            String allApnConfigurationsIncludedIndicator,
            List<ApnConfiguration> apnConfigurations) {}

    /**
     * APN-Configuration (TS 29.272 §7.3.35) with its EPS-Subscribed-QoS-Profile (QCI, ARP) and
     * AMBR.
     *
     * @param pdnType IPv4, IPv6, IPv4v6 or IPv4_OR_IPv6
     * @param preEmptionCapability PRE-EMPTION_CAPABILITY_ENABLED/DISABLED or null
     * @param preEmptionVulnerability PRE-EMPTION_VULNERABILITY_ENABLED/DISABLED or null
     */
    public record ApnConfiguration(
            long contextIdentifier,
            String serviceSelection,
            String pdnType,
            long qci,
            long priorityLevel,
            String preEmptionCapability,
            String preEmptionVulnerability,
            Ambr ambr) {}

    public SubscriptionData(
            String msisdn,
            String subscriberStatus,
            String networkAccessMode,
            Ambr ambr,
            ApnConfigurationProfile apnConfigurationProfile) {
        this(msisdn, subscriberStatus, networkAccessMode, ambr, apnConfigurationProfile, null);
    }

    /** The Subscription-Data AVP. */
    public Avp toAvp(Dictionary d) {
        List<Avp> c = new ArrayList<>();
        if (subscriberStatus != null) {
            c.add(d.avp("Subscriber-Status", subscriberStatus));
        }
        if (msisdn != null) {
            c.add(d.avp("MSISDN", Tbcd.encode(msisdn)));
        }
        if (networkAccessMode != null) {
            c.add(d.avp("Network-Access-Mode", networkAccessMode));
        }
        if (ambr != null) {
            c.add(ambr(d, ambr));
        }
        if (apnConfigurationProfile != null) {
            ApnConfigurationProfile p = apnConfigurationProfile;
            List<Avp> pc = new ArrayList<>();
            pc.add(d.avp("Context-Identifier", p.contextIdentifier()));
            pc.add(
                    d.avp(
                            "All-APN-Configurations-Included-Indicator",
                            p.allApnConfigurationsIncludedIndicator()));
            for (ApnConfiguration a : p.apnConfigurations()) {
                List<Avp> ac = new ArrayList<>();
                ac.add(d.avp("Context-Identifier", a.contextIdentifier()));
                ac.add(d.avp("PDN-Type", a.pdnType()));
                ac.add(d.avp("Service-Selection", a.serviceSelection()));
                List<Avp> arp = new ArrayList<>();
                arp.add(d.avp("Priority-Level", a.priorityLevel()));
                if (a.preEmptionCapability() != null) {
                    arp.add(d.avp("Pre-emption-Capability", a.preEmptionCapability()));
                }
                if (a.preEmptionVulnerability() != null) {
                    arp.add(d.avp("Pre-emption-Vulnerability", a.preEmptionVulnerability()));
                }
                ac.add(
                        d.grouped(
                                "EPS-Subscribed-QoS-Profile",
                                d.avp("QoS-Class-Identifier", a.qci()),
                                d.grouped(
                                        "Allocation-Retention-Priority", arp.toArray(new Avp[0]))));
                if (a.ambr() != null) {
                    ac.add(ambr(d, a.ambr()));
                }
                pc.add(d.grouped("APN-Configuration", ac.toArray(new Avp[0])));
            }
            c.add(d.grouped("APN-Configuration-Profile", pc.toArray(new Avp[0])));
        }
        return d.grouped("Subscription-Data", c.toArray(new Avp[0]));
    }

    private static Avp ambr(Dictionary d, Ambr a) {
        return d.grouped(
                "AMBR",
                d.avp("Max-Requested-Bandwidth-UL", a.uplink()),
                d.avp("Max-Requested-Bandwidth-DL", a.downlink()));
    }

    /** Reads a Subscription-Data AVP; missing parts are null. */
    public static SubscriptionData from(Avp sd, Dictionary d) {
        Avp ms = d.get(sd, "MSISDN");
        Avp p = d.get(sd, "APN-Configuration-Profile");
        ApnConfigurationProfile profile = null;
        if (p != null) {
            List<ApnConfiguration> apns = new ArrayList<>();
            AvpDefinition acDef = d.avp("APN-Configuration");
            for (Avp a : p.children().findAll(acDef.code(), acDef.vendorId())) {
                Avp qos = d.get(a, "EPS-Subscribed-QoS-Profile");
                Avp arp = qos == null ? null : d.get(qos, "Allocation-Retention-Priority");
                apns.add(
                        new ApnConfiguration(
                                unsigned(d.get(a, "Context-Identifier")),
                                d.get(a, "Service-Selection") == null
                                        ? null
                                        : d.get(a, "Service-Selection").asUtf8(),
                                name(d, d.get(a, "PDN-Type")),
                                qos == null ? -1 : unsigned(d.get(qos, "QoS-Class-Identifier")),
                                arp == null ? -1 : unsigned(d.get(arp, "Priority-Level")),
                                arp == null ? null : name(d, d.get(arp, "Pre-emption-Capability")),
                                arp == null
                                        ? null
                                        : name(d, d.get(arp, "Pre-emption-Vulnerability")),
                                readAmbr(d, d.get(a, "AMBR"))));
            }
            profile =
                    new ApnConfigurationProfile(
                            unsigned(d.get(p, "Context-Identifier")),
                            name(d, d.get(p, "All-APN-Configurations-Included-Indicator")),
                            List.copyOf(apns));
        }
        return new SubscriptionData(
                ms == null ? null : Tbcd.decode(ms.valueBytes()),
                name(d, d.get(sd, "Subscriber-Status")),
                name(d, d.get(sd, "Network-Access-Mode")),
                readAmbr(d, d.get(sd, "AMBR")),
                profile,
                sd);
    }

    private static Ambr readAmbr(Dictionary d, Avp a) {
        if (a == null) {
            return null;
        }
        return new Ambr(
                unsigned(d.get(a, "Max-Requested-Bandwidth-UL")),
                unsigned(d.get(a, "Max-Requested-Bandwidth-DL")));
    }

    private static long unsigned(Avp a) {
        return a == null ? -1 : a.asUnsigned32();
    }

    /** An Enumerated value's name, or its number as text when the dictionary has no name. */
    static String name(Dictionary d, Avp a) {
        if (a == null) {
            return null;
        }
        long v = a.asInt32();
        String n = d.valueName(a, v);
        return n != null ? n : Long.toString(v);
    }
}
