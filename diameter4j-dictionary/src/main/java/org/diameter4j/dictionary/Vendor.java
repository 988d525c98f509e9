package org.diameter4j.dictionary;

/** A vendor (IANA enterprise number) and its name: 10415 3GPP, 13019 ETSI … */
public record Vendor(int id, String name) {
    public static final Vendor IETF = new Vendor(0, "IETF");
}
