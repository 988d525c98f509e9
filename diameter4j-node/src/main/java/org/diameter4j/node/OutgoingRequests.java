package org.diameter4j.node;

import org.diameter4j.codec.Avp;
import org.diameter4j.codec.DiameterMessage;
import org.diameter4j.dictionary.Dictionary;
import org.diameter4j.peer.LocalIdentity;
import org.diameter4j.peer.RemoteCapabilities;
import org.diameter4j.peer.internal.Peer;

/**
 * The one place where the routing AVPs of an outgoing request are filled in (RFC 6733 §6.1): what
 * {@link DiameterNode#send} adds to what the application built. Origin-Host and Origin-Realm when
 * missing; Origin-State-Id when configured and the command's grammar names it (§8.16);
 * Destination-Realm of the chosen peer when missing, except on the hop-by-hop base commands.
 */
final class OutgoingRequests {
    private final NodeConfig config;
    private final Dictionary dictionary;

    OutgoingRequests(NodeConfig config, Dictionary dictionary) {
        this.config = config;
        this.dictionary = dictionary;
    }

    /** Origin-Host, Origin-Realm and, where it belongs, Origin-State-Id. */
    void complete(DiameterMessage r) {
        LocalIdentity id = config.identity();
        if (r.find(DiameterNode.ORIGIN_HOST) == null) {
            r.add(Avp.ofUtf8(DiameterNode.ORIGIN_HOST, 0, Avp.FLAG_MANDATORY, id.originHost()));
        }
        if (r.find(DiameterNode.ORIGIN_REALM) == null) {
            r.add(Avp.ofUtf8(DiameterNode.ORIGIN_REALM, 0, Avp.FLAG_MANDATORY, id.originRealm()));
        }
        if (config.originStateIdInRequests()
                && id.originStateId() != null
                && r.find(DiameterNode.ORIGIN_STATE_ID) == null
                && grammarNames(r, DiameterNode.ORIGIN_STATE_ID)) {
            // §8.16: Origin-State-Id "MAY be included in any Diameter message, including
            // CER" — but only where the command's grammar names it: an M-bit AVP that enters
            // through "* [ AVP ]" is refused by strict peers (S6a AIR/ULR to Erlang/OTP, issue 9).
            r.add(
                    Avp.ofUnsigned32(
                            DiameterNode.ORIGIN_STATE_ID,
                            0,
                            Avp.FLAG_MANDATORY,
                            id.originStateId()));
        }
    }

    private boolean grammarNames(DiameterMessage r, int code) {
        var cmd = dictionary.command(r);
        return cmd == null || cmd.grammar() == null || cmd.grammar().names(code, 0);
    }

    /** Destination-Realm of {@code p} (its CEA's Origin-Realm, else its host's domain). */
    static void addDestinationRealm(DiameterMessage r, Peer p) {
        if (r.find(DiameterNode.DESTINATION_REALM) != null || isBaseCommand(r)) {
            return; // CER, DWR and DPR are hop-by-hop: no Destination-Realm (RFC 6733 §5)
        }
        RemoteCapabilities rc = p.remote();
        String realm =
                rc != null && rc.originRealm() != null
                        ? rc.originRealm()
                        : LocalIdentity.realmOf(p.name());
        r.add(Avp.ofUtf8(DiameterNode.DESTINATION_REALM, 0, Avp.FLAG_MANDATORY, realm));
    }

    private static boolean isBaseCommand(DiameterMessage r) {
        int c = r.commandCode();
        return r.applicationId() == 0 && (c == 257 || c == 280 || c == 282);
    }
}
