package org.diameter4j.node;

import java.util.List;
import java.util.Map;
import org.diameter4j.peer.ApplicationId;

/** Application names as seed 003's show commands print them ("nasreq gx") and YAML names them. */
final class ApplicationNames {
    private ApplicationNames() {}

    static String of(ApplicationId a) {
        if (a.isRelay()) {
            return "relay";
        }
        for (Map.Entry<String, ApplicationId> e : NodeConfigLoader.APPLICATIONS.entrySet()) {
            ApplicationId k = e.getValue();
            if (k.id() == a.id() && k.accounting() == a.accounting()) {
                return e.getKey();
            }
        }
        return (a.vendorId() != 0 ? "vendor:" + Integer.toUnsignedString(a.vendorId()) + ":" : "")
                + (a.accounting() ? "acct:" : "auth:")
                + a.id();
    }

    /** Names separated by spaces, each once. */
    static String of(List<ApplicationId> apps) {
        StringBuilder sb = new StringBuilder();
        java.util.Set<String> seen = new java.util.LinkedHashSet<>();
        for (ApplicationId a : apps) {
            seen.add(of(a));
        }
        for (String n : seen) {
            sb.append(sb.length() == 0 ? "" : " ").append(n);
        }
        return sb.toString();
    }
}
