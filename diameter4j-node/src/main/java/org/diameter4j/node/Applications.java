package org.diameter4j.node;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.diameter4j.peer.ApplicationId;

/**
 * The one registry of application names: the words a node's YAML ({@code applications: [gy]}), the
 * {@code d4j} options ({@code --apps gy,rf}) and templates use, and that the show commands print
 * ("nasreq gx", seed 003). Immutable.
 *
 * <p>Names, in the order error messages list them: {@code nasreq}, {@code gy}, {@code ro} (another
 * name of Gy), {@code rf}, {@code gx}, {@code s6a}, {@code relay}. An application without a name is
 * written {@code auth:<id>}, {@code acct:<id>} or {@code vendor:<vendor-id>:auth:<id>}.
 */
public final class Applications {
    private Applications() {}

    /** The 3GPP vendor id (IANA SMI Private Enterprise Code 10415), for Gx and S6a. */
    static final int VENDOR_3GPP = 10415;

    /** NASREQ: the Diameter NAS application, Auth-Application-Id 1 (RFC 7155, was RFC 4005). */
    public static final ApplicationId NASREQ = ApplicationId.auth(1);

    /**
     * Gy (and Ro): the Diameter Credit-Control Application, Auth-Application-Id 4 (RFC 4006 §12.1;
     * used by 3GPP TS 32.299 for online charging).
     */
    public static final ApplicationId GY = ApplicationId.auth(4);

    /**
     * Rf: Diameter base accounting, Acct-Application-Id 3 (RFC 6733 §2.4; used by 3GPP TS 32.299
     * for offline charging).
     */
    public static final ApplicationId RF = ApplicationId.acct(3);

    /** Gx: 3GPP policy and charging control, vendor 10415, id 16777238 (3GPP TS 29.212 §5.1). */
    public static final ApplicationId GX = ApplicationId.vendorAuth(VENDOR_3GPP, 16777238);

    /** S6a/S6d: 3GPP MME–HSS, vendor 10415, id 16777251 (3GPP TS 29.272 §7.1.8). */
    public static final ApplicationId S6A = ApplicationId.vendorAuth(VENDOR_3GPP, 16777251);

    /** The Relay Application Id 0xffffffff that relays and proxies advertise (RFC 6733 §2.4). */
    public static final ApplicationId RELAY = ApplicationId.relay();

    /** Name → application, in the documented order. */
    private static final List<Map.Entry<String, ApplicationId>> BY_NAME =
            List.of(
                    Map.entry("nasreq", NASREQ),
                    Map.entry("gy", GY),
                    Map.entry("ro", GY),
                    Map.entry("rf", RF),
                    Map.entry("gx", GX),
                    Map.entry("s6a", S6A),
                    Map.entry("relay", RELAY));

    private static final List<String> NAMES = BY_NAME.stream().map(Map.Entry::getKey).toList();

    /** {@code auth:<id>}, {@code acct:<id>}, {@code vendor:<vendor-id>:auth|acct:<id>}. */
    private static final Pattern NUMERIC = Pattern.compile("(?:vendor:(\\d+):)?(auth|acct):(\\d+)");

    /** The forms {@link #parse} takes besides names, as error messages list them. */
    static final String NUMERIC_FORMS =
            "auth:<id>, acct:<id>, vendor:<vendor-id>:auth:<id>, vendor:<vendor-id>:acct:<id>";

    /** The known names, in the documented order. */
    public static List<String> names() {
        return NAMES;
    }

    /** The application of a name ({@code "gy"}, {@code "S6A"}; case and blanks ignored). */
    public static Optional<ApplicationId> byName(String name) {
        String k = name.trim().toLowerCase(Locale.ROOT);
        for (Map.Entry<String, ApplicationId> e : BY_NAME) {
            if (e.getKey().equals(k)) {
                return Optional.of(e.getValue());
            }
        }
        return Optional.empty();
    }

    /**
     * A name, or {@code auth:<id>}, {@code acct:<id>}, {@code vendor:<vendor-id>:auth:<id>}, {@code
     * vendor:<vendor-id>:acct:<id>} (ids up to 2^32-1, the width of the AVP, RFC 6733 §6.8/§6.9).
     *
     * @throws IllegalArgumentException naming the value and listing the known names
     */
    public static ApplicationId parse(String text) {
        Optional<ApplicationId> named = byName(text);
        if (named.isPresent()) {
            return named.get();
        }
        Matcher m = NUMERIC.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (m.matches()) {
            try {
                long vendor = m.group(1) == null ? 0 : Long.parseLong(m.group(1));
                long id = Long.parseLong(m.group(3));
                if (id <= 0xffffffffL && vendor <= 0xffffffffL) {
                    return new ApplicationId(id, (int) vendor, m.group(2).equals("acct"));
                }
            } catch (NumberFormatException e) {
                // too large: reported below
            }
        }
        throw new IllegalArgumentException(
                "unknown application '"
                        + text.trim()
                        + "': use one of "
                        + String.join(", ", NAMES)
                        + ", or "
                        + NUMERIC_FORMS);
    }

    /**
     * The name of an application as the show commands print it: the first name with the same id and
     * kind (auth/acct; {@code "gy"} for id 4), {@code "relay"}, else its numeric form ({@code
     * "vendor:10415:auth:16777236"}).
     */
    public static String nameOf(ApplicationId a) {
        if (a.isRelay()) {
            return "relay";
        }
        for (Map.Entry<String, ApplicationId> e : BY_NAME) {
            ApplicationId k = e.getValue();
            if (k.id() == a.id() && k.accounting() == a.accounting()) {
                return e.getKey();
            }
        }
        return (a.vendorId() != 0 ? "vendor:" + Integer.toUnsignedString(a.vendorId()) + ":" : "")
                + (a.accounting() ? "acct:" : "auth:")
                + a.id();
    }

    /** The names of applications, each once, separated by spaces (seed 003: "nasreq gx"). */
    public static String namesOf(Collection<ApplicationId> apps) {
        Set<String> seen = new LinkedHashSet<>();
        for (ApplicationId a : apps) {
            seen.add(nameOf(a));
        }
        return String.join(" ", seen);
    }
}
