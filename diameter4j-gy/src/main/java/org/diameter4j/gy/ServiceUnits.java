package org.diameter4j.gy;

import org.diameter4j.codec.Avp;
import org.diameter4j.dictionary.Dictionary;

/**
 * The unit AVPs of Requested-, Granted- and Used-Service-Unit (RFC 4006 §8.17-§8.19): CC-Time,
 * CC-Total-Octets, CC-Input-Octets, CC-Output-Octets, CC-Service-Specific-Units. A null field is
 * absent; {@link #EMPTY} is a unit AVP with no children (e.g. an RSU asking for the default quota).
 */
public record ServiceUnits(
        Long time,
        Long totalOctets,
        Long inputOctets,
        Long outputOctets,
        Long serviceSpecificUnits) {
    public static final ServiceUnits EMPTY = new ServiceUnits(null, null, null, null, null);

    public static ServiceUnits octets(long n) {
        return new ServiceUnits(null, n, null, null, null);
    }

    public static ServiceUnits seconds(long n) {
        return new ServiceUnits(n, null, null, null, null);
    }

    public static ServiceUnits units(long n) {
        return new ServiceUnits(null, null, null, null, n);
    }

    public boolean isEmpty() {
        return time == null
                && totalOctets == null
                && inputOctets == null
                && outputOctets == null
                && serviceSpecificUnits == null;
    }

    /** Total octets: CC-Total-Octets, else input + output when either is present, else null. */
    public Long octetsTotal() {
        if (totalOctets != null) {
            return totalOctets;
        }
        if (inputOctets != null || outputOctets != null) {
            return (inputOctets == null ? 0 : inputOctets)
                    + (outputOctets == null ? 0 : outputOctets);
        }
        return null;
    }

    /** Field-wise sum; absent + absent stays absent. */
    public ServiceUnits plus(ServiceUnits o) {
        if (o == null) {
            return this;
        }
        return new ServiceUnits(
                add(time, o.time),
                add(totalOctets, o.totalOctets),
                add(inputOctets, o.inputOctets),
                add(outputOctets, o.outputOctets),
                add(serviceSpecificUnits, o.serviceSpecificUnits));
    }

    private static Long add(Long a, Long b) {
        if (a == null) {
            return b;
        }
        return b == null ? a : a + b;
    }

    /** This as a Grouped AVP named {@code avpName} (Requested-Service-Unit, Granted-…, Used-…). */
    public Avp toAvp(Dictionary d, String avpName) {
        java.util.List<Avp> c = new java.util.ArrayList<>();
        if (time != null) {
            c.add(d.avp("CC-Time", time));
        }
        if (totalOctets != null) {
            c.add(d.avp("CC-Total-Octets", totalOctets));
        }
        if (inputOctets != null) {
            c.add(d.avp("CC-Input-Octets", inputOctets));
        }
        if (outputOctets != null) {
            c.add(d.avp("CC-Output-Octets", outputOctets));
        }
        if (serviceSpecificUnits != null) {
            c.add(d.avp("CC-Service-Specific-Units", serviceSpecificUnits));
        }
        return d.grouped(avpName, c.toArray(new Avp[0]));
    }

    /** Reads a unit AVP; null in, null out. */
    public static ServiceUnits from(Dictionary d, Avp grouped) {
        if (grouped == null) {
            return null;
        }
        return new ServiceUnits(
                u32(d, grouped, "CC-Time"),
                u64(d, grouped, "CC-Total-Octets"),
                u64(d, grouped, "CC-Input-Octets"),
                u64(d, grouped, "CC-Output-Octets"),
                u64(d, grouped, "CC-Service-Specific-Units"));
    }

    private static Long u32(Dictionary d, Avp g, String name) {
        Avp a = d.get(g, name);
        return a == null ? null : a.asUnsigned32();
    }

    private static Long u64(Dictionary d, Avp g, String name) {
        Avp a = d.get(g, name);
        return a == null ? null : a.asUnsigned64();
    }
}
