package org.diameter4j.simulator.hss;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.diameter4j.s6a.SubscriptionData;
import org.diameter4j.s6a.SubscriptionData.Ambr;
import org.diameter4j.s6a.SubscriptionData.ApnConfiguration;
import org.diameter4j.s6a.SubscriptionData.ApnConfigurationProfile;
import org.diameter4j.s6a.milenage.Milenage;

/**
 * One subscriber of the HSS simulator: the USIM's secrets (K, OPc, AMF), the SQN the subscriber
 * file was provisioned with, and the EPS profile.
 *
 * @param sqn the highest SQN already used (vectors use sqn + step, sqn + 2·step …)
 * @param ambr the UE-AMBR; null: the largest APN-AMBR of each direction
 */
public record Subscriber(
        String imsi,
        byte[] k,
        byte[] opc,
        byte[] amf,
        long sqn,
        String msisdn,
        String subscriberStatus,
        String networkAccessMode,
        Ambr ambr,
        List<Apn> apns) {

    /**
     * One APN of the profile.
     *
     * @param qci QoS-Class-Identifier (1..9, or operator values)
     * @param arp Allocation-Retention-Priority / Priority-Level (1..15)
     * @param pdnType IPv4, IPv6, IPv4v6 or IPv4_OR_IPv6
     */
    public record Apn(
            String name,
            long qci,
            long arp,
            long ambrUl,
            long ambrDl,
            String pdnType,
            String preEmptionCapability,
            String preEmptionVulnerability) {}

    public Subscriber {
        apns = List.copyOf(apns);
        k = k.clone();
        opc = opc.clone();
        amf = amf.clone();
    }

    public Milenage milenage() {
        return new Milenage(k, opc);
    }

    /** Subscription-Data for ULA/IDR: status, MSISDN, access mode, UE-AMBR and every APN. */
    public SubscriptionData subscriptionData() {
        List<ApnConfiguration> list = new ArrayList<>();
        long ul = 0;
        long dl = 0;
        for (int i = 0; i < apns.size(); i++) {
            Apn a = apns.get(i);
            list.add(
                    new ApnConfiguration(
                            i + 1,
                            a.name(),
                            a.pdnType(),
                            a.qci(),
                            a.arp(),
                            a.preEmptionCapability(),
                            a.preEmptionVulnerability(),
                            new Ambr(a.ambrUl(), a.ambrDl())));
            ul = Math.max(ul, a.ambrUl());
            dl = Math.max(dl, a.ambrDl());
        }
        Ambr ue = ambr != null ? ambr : (apns.isEmpty() ? null : new Ambr(ul, dl));
        ApnConfigurationProfile profile =
                list.isEmpty()
                        ? null
                        : new ApnConfigurationProfile(1, "All_APN_CONFIGURATIONS_INCLUDED", list);
        return new SubscriptionData(msisdn, subscriberStatus, networkAccessMode, ue, profile);
    }

    @Override
    public String toString() {
        // Never print K or OPc.
        return "Subscriber[imsi="
                + imsi
                + ", msisdn="
                + msisdn
                + ", amf="
                + HexFormat.of().formatHex(amf)
                + ", sqn="
                + sqn
                + ", apns="
                + apns.stream().map(Apn::name).toList()
                + "]";
    }
}
