package org.diameter4j.gy;

import static org.diameter4j.avps.Avps.CC_INPUT_OCTETS;
import static org.diameter4j.avps.Avps.CC_OUTPUT_OCTETS;
import static org.diameter4j.avps.Avps.CC_SERVICE_SPECIFIC_UNITS;
import static org.diameter4j.avps.Avps.CC_TIME;
import static org.diameter4j.avps.Avps.CC_TOTAL_OCTETS;

import org.diameter4j.codec.Avp;
import org.diameter4j.codec.AvpList;
import org.diameter4j.codec.GroupedAvpKey;
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
        return d.grouped(avpName, children().toArray(new Avp[0]));
    }

    /** This as the Grouped AVP of {@code key}: {@code toAvp(Avps.REQUESTED_SERVICE_UNIT)}. */
    public Avp toAvp(GroupedAvpKey key) {
        return key.of(children());
    }

    private java.util.List<Avp> children() {
        java.util.List<Avp> c = new java.util.ArrayList<>(5);
        if (time != null) {
            c.add(CC_TIME.of(time));
        }
        if (totalOctets != null) {
            c.add(CC_TOTAL_OCTETS.of(totalOctets));
        }
        if (inputOctets != null) {
            c.add(CC_INPUT_OCTETS.of(inputOctets));
        }
        if (outputOctets != null) {
            c.add(CC_OUTPUT_OCTETS.of(outputOctets));
        }
        if (serviceSpecificUnits != null) {
            c.add(CC_SERVICE_SPECIFIC_UNITS.of(serviceSpecificUnits));
        }
        return c;
    }

    /** Reads a unit AVP; null in, null out. */
    public static ServiceUnits from(Dictionary d, Avp grouped) {
        return from(grouped);
    }

    /** Reads a unit AVP (RFC 4006 §8.18, §8.17, §8.19); null in, null out. */
    public static ServiceUnits from(Avp grouped) {
        if (grouped == null) {
            return null;
        }
        AvpList g = grouped.children();
        return new ServiceUnits(
                g.get(CC_TIME),
                g.get(CC_TOTAL_OCTETS),
                g.get(CC_INPUT_OCTETS),
                g.get(CC_OUTPUT_OCTETS),
                g.get(CC_SERVICE_SPECIFIC_UNITS));
    }
}
