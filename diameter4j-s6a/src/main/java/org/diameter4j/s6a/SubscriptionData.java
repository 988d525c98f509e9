package org.diameter4j.s6a;

import static org.diameter4j.avps.Avps.ALLOCATION_RETENTION_PRIORITY;
import static org.diameter4j.avps.Avps.ALL_APN_CONFIGURATIONS_INCLUDED_INDICATOR;
import static org.diameter4j.avps.Avps.AMBR;
import static org.diameter4j.avps.Avps.APN_CONFIGURATION;
import static org.diameter4j.avps.Avps.APN_CONFIGURATION_PROFILE;
import static org.diameter4j.avps.Avps.CONTEXT_IDENTIFIER;
import static org.diameter4j.avps.Avps.EPS_SUBSCRIBED_QOS_PROFILE;
import static org.diameter4j.avps.Avps.MAX_REQUESTED_BANDWIDTH_DL;
import static org.diameter4j.avps.Avps.MAX_REQUESTED_BANDWIDTH_UL;
import static org.diameter4j.avps.Avps.MSISDN;
import static org.diameter4j.avps.Avps.NETWORK_ACCESS_MODE;
import static org.diameter4j.avps.Avps.PDN_TYPE;
import static org.diameter4j.avps.Avps.PRE_EMPTION_CAPABILITY;
import static org.diameter4j.avps.Avps.PRE_EMPTION_VULNERABILITY;
import static org.diameter4j.avps.Avps.PRIORITY_LEVEL;
import static org.diameter4j.avps.Avps.QOS_CLASS_IDENTIFIER;
import static org.diameter4j.avps.Avps.SERVICE_SELECTION;
import static org.diameter4j.avps.Avps.SUBSCRIBER_STATUS;
import static org.diameter4j.avps.Avps.SUBSCRIPTION_DATA;

import java.util.ArrayList;
import java.util.List;
import org.diameter4j.avps.AllApnConfigurationsIncludedIndicator;
import org.diameter4j.avps.NetworkAccessMode;
import org.diameter4j.avps.PdnType;
import org.diameter4j.avps.PreEmptionCapability;
import org.diameter4j.avps.PreEmptionVulnerability;
import org.diameter4j.avps.QosClassIdentifier;
import org.diameter4j.avps.SubscriberStatus;
import org.diameter4j.codec.Avp;
import org.diameter4j.codec.AvpList;
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

    /**
     * The Subscription-Data AVP; the Enumerated values are read by their dictionary names (or as
     * numbers) with {@code d}.
     */
    public Avp toAvp(Dictionary d) {
        List<Avp> c = new ArrayList<>();
        if (subscriberStatus != null) {
            c.add(
                    EnumeratedValues.avp(
                            d, SUBSCRIBER_STATUS, SubscriberStatus::of, subscriberStatus));
        }
        if (msisdn != null) {
            c.add(MSISDN.of(Tbcd.encode(msisdn)));
        }
        if (networkAccessMode != null) {
            c.add(
                    EnumeratedValues.avp(
                            d, NETWORK_ACCESS_MODE, NetworkAccessMode::of, networkAccessMode));
        }
        if (ambr != null) {
            c.add(ambr(ambr));
        }
        if (apnConfigurationProfile != null) {
            ApnConfigurationProfile p = apnConfigurationProfile;
            List<Avp> pc = new ArrayList<>();
            pc.add(CONTEXT_IDENTIFIER.of(p.contextIdentifier()));
            pc.add(
                    EnumeratedValues.avp(
                            d,
                            ALL_APN_CONFIGURATIONS_INCLUDED_INDICATOR,
                            AllApnConfigurationsIncludedIndicator::of,
                            p.allApnConfigurationsIncludedIndicator()));
            for (ApnConfiguration a : p.apnConfigurations()) {
                pc.add(apnConfiguration(d, a));
            }
            c.add(APN_CONFIGURATION_PROFILE.of(pc));
        }
        return SUBSCRIPTION_DATA.of(c);
    }

    /** APN-Configuration (TS 29.272 §7.3.35) with its EPS-Subscribed-QoS-Profile (§7.3.37). */
    private static Avp apnConfiguration(Dictionary d, ApnConfiguration a) {
        List<Avp> ac = new ArrayList<>();
        ac.add(CONTEXT_IDENTIFIER.of(a.contextIdentifier()));
        ac.add(EnumeratedValues.avp(d, PDN_TYPE, PdnType::of, a.pdnType()));
        ac.add(SERVICE_SELECTION.of(a.serviceSelection()));
        List<Avp> arp = new ArrayList<>();
        arp.add(PRIORITY_LEVEL.of(a.priorityLevel()));
        if (a.preEmptionCapability() != null) {
            arp.add(
                    EnumeratedValues.avp(
                            d,
                            PRE_EMPTION_CAPABILITY,
                            PreEmptionCapability::of,
                            a.preEmptionCapability()));
        }
        if (a.preEmptionVulnerability() != null) {
            arp.add(
                    EnumeratedValues.avp(
                            d,
                            PRE_EMPTION_VULNERABILITY,
                            PreEmptionVulnerability::of,
                            a.preEmptionVulnerability()));
        }
        ac.add(
                EPS_SUBSCRIBED_QOS_PROFILE.of(
                        EnumeratedValues.avp(QOS_CLASS_IDENTIFIER, QosClassIdentifier::of, a.qci()),
                        ALLOCATION_RETENTION_PRIORITY.of(arp)));
        if (a.ambr() != null) {
            ac.add(ambr(a.ambr()));
        }
        return APN_CONFIGURATION.of(ac);
    }

    private static Avp ambr(Ambr a) {
        return AMBR.of(
                MAX_REQUESTED_BANDWIDTH_UL.of(a.uplink()),
                MAX_REQUESTED_BANDWIDTH_DL.of(a.downlink()));
    }

    /** Reads a Subscription-Data AVP; missing parts are null (-1 for numbers). */
    public static SubscriptionData from(Avp sd, Dictionary d) {
        AvpList g = sd.children();
        byte[] ms = g.get(MSISDN);
        AvpList p = g.get(APN_CONFIGURATION_PROFILE);
        ApnConfigurationProfile profile = null;
        if (p != null) {
            List<ApnConfiguration> apns = new ArrayList<>();
            for (AvpList a : p.getAll(APN_CONFIGURATION)) {
                AvpList qos = a.get(EPS_SUBSCRIBED_QOS_PROFILE);
                AvpList arp = qos == null ? null : qos.get(ALLOCATION_RETENTION_PRIORITY);
                apns.add(
                        new ApnConfiguration(
                                unsigned(a.get(CONTEXT_IDENTIFIER)),
                                a.get(SERVICE_SELECTION),
                                EnumeratedValues.name(d, a.find(PDN_TYPE)),
                                qos == null ? -1 : unsigned(qos.find(QOS_CLASS_IDENTIFIER)),
                                arp == null ? -1 : unsigned(arp.get(PRIORITY_LEVEL)),
                                arp == null
                                        ? null
                                        : EnumeratedValues.name(
                                                d, arp.find(PRE_EMPTION_CAPABILITY)),
                                arp == null
                                        ? null
                                        : EnumeratedValues.name(
                                                d, arp.find(PRE_EMPTION_VULNERABILITY)),
                                readAmbr(a.get(AMBR))));
            }
            profile =
                    new ApnConfigurationProfile(
                            unsigned(p.get(CONTEXT_IDENTIFIER)),
                            EnumeratedValues.name(
                                    d, p.find(ALL_APN_CONFIGURATIONS_INCLUDED_INDICATOR)),
                            List.copyOf(apns));
        }
        return new SubscriptionData(
                ms == null ? null : Tbcd.decode(ms),
                EnumeratedValues.name(d, g.find(SUBSCRIBER_STATUS)),
                EnumeratedValues.name(d, g.find(NETWORK_ACCESS_MODE)),
                readAmbr(g.get(AMBR)),
                profile,
                sd);
    }

    private static Ambr readAmbr(AvpList a) {
        if (a == null) {
            return null;
        }
        return new Ambr(
                unsigned(a.get(MAX_REQUESTED_BANDWIDTH_UL)),
                unsigned(a.get(MAX_REQUESTED_BANDWIDTH_DL)));
    }

    private static long unsigned(Long v) {
        return v == null ? -1 : v;
    }

    /** An Enumerated AVP read as Unsigned32 (QoS-Class-Identifier: any QCI, named or not). */
    private static long unsigned(Avp a) {
        return a == null ? -1 : a.asUnsigned32();
    }
}
