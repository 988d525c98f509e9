package org.diameter4j.gy;

import java.util.List;
import org.diameter4j.codec.Avp;
import org.diameter4j.dictionary.Dictionary;

/**
 * One Multiple-Services-Credit-Control of a CCR (RFC 4006 §8.16): the rating group and service
 * identifiers it is for, the units requested (RSU, null: none; {@link ServiceUnits#EMPTY}: an empty
 * RSU asking for the server's default quota) and the units used since the last report (USU, null:
 * none).
 */
public record MsccRequest(
        Long ratingGroup,
        List<Long> serviceIdentifiers,
        ServiceUnits requested,
        ServiceUnits used) {
    public MsccRequest {
        serviceIdentifiers =
                serviceIdentifiers == null ? List.of() : List.copyOf(serviceIdentifiers);
    }

    public static MsccRequest of(
            Long ratingGroup, Long serviceIdentifier, ServiceUnits requested, ServiceUnits used) {
        return new MsccRequest(
                ratingGroup,
                serviceIdentifier == null ? List.of() : List.of(serviceIdentifier),
                requested,
                used);
    }

    public MsccRequest withUnits(ServiceUnits rsu, ServiceUnits usu) {
        return new MsccRequest(ratingGroup, serviceIdentifiers, rsu, usu);
    }

    public Avp toAvp(Dictionary d) {
        java.util.List<Avp> c = new java.util.ArrayList<>();
        if (requested != null) {
            c.add(requested.toAvp(d, "Requested-Service-Unit"));
        }
        if (used != null) {
            c.add(used.toAvp(d, "Used-Service-Unit"));
        }
        for (Long s : serviceIdentifiers) {
            c.add(d.avp("Service-Identifier", s));
        }
        if (ratingGroup != null) {
            c.add(d.avp("Rating-Group", ratingGroup));
        }
        return d.grouped("Multiple-Services-Credit-Control", c.toArray(new Avp[0]));
    }

    /** Reads an MSCC of a request. */
    public static MsccRequest from(Dictionary d, Avp mscc) {
        Avp rg = d.get(mscc, "Rating-Group");
        List<Long> sids = new java.util.ArrayList<>();
        var sidDef = d.avp("Service-Identifier");
        for (Avp a : mscc.children().findAll(sidDef.code(), sidDef.vendorId())) {
            sids.add(a.asUnsigned32());
        }
        var usuDef = d.avp("Used-Service-Unit");
        ServiceUnits used = null;
        for (Avp u : mscc.children().findAll(usuDef.code(), usuDef.vendorId())) {
            used = used == null ? ServiceUnits.from(d, u) : used.plus(ServiceUnits.from(d, u));
        }
        return new MsccRequest(
                rg == null ? null : rg.asUnsigned32(),
                sids,
                ServiceUnits.from(d, d.get(mscc, "Requested-Service-Unit")),
                used);
    }
}
