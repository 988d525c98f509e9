package org.diameter4j.node;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.diameter4j.codec.DiameterMessage;
import org.diameter4j.node.overload.internal.Overload;
import org.diameter4j.node.overload.internal.ReportTable;
import org.diameter4j.peer.internal.Peer;

/**
 * Peer selection under DOIC (RFC 7683 §5.2.3, §6.3), for nodes with overload control enabled: the
 * peer {@link Routing} chooses, unless a report in force drops the request for it. A request a host
 * report drops goes to the next peer routing allows (diverted: §6.3 lets the reacting node reduce
 * the traffic to the reporter by sending it elsewhere), itself subject to its own reports; one a
 * realm report drops, or one fixed to its Destination-Host, has nowhere else to go and fails with
 * {@link org.diameter4j.node.overload.ThrottledException} naming the first report that dropped it.
 */
final class OverloadRouting {
    private OverloadRouting() {}

    static Peer select(
            DiameterNode node, Overload doic, DiameterMessage request, Predicate<Peer> excluded) {
        String host = DiameterNode.text(request.find(DiameterNode.DESTINATION_HOST));
        String realm = DiameterNode.text(request.find(DiameterNode.DESTINATION_REALM));
        long app = request.applicationId();
        ReportTable.Entry first = null;
        List<Peer> dropped = null;
        Predicate<Peer> skip = excluded;
        while (true) {
            Peer p;
            try {
                p = Routing.select(request, node.peers.values(), node.routes(), skip, node::isBusy);
            } catch (NoRouteException e) {
                if (first == null) {
                    throw e;
                }
                throw doic.throttled(first);
            }
            ReportTable.Entry r = doic.throttle(app, host, realm, p.name());
            if (r == null) {
                if (first != null) {
                    doic.rerouted();
                }
                return p;
            }
            if (first == null) {
                first = r;
            }
            if (host != null || !Overload.divertible(r)) {
                throw doic.throttled(first);
            }
            if (dropped == null) {
                List<Peer> d = new ArrayList<>(2);
                dropped = d;
                skip = x -> excluded.test(x) || d.contains(x);
            }
            dropped.add(p);
        }
    }

    /**
     * A request sent to one named peer, routing bypassed: its host report applies, no diversion.
     */
    static void checkDirect(Overload doic, DiameterMessage request, Peer p) {
        String host = DiameterNode.text(request.find(DiameterNode.DESTINATION_HOST));
        ReportTable.Entry r =
                doic.throttle(
                        request.applicationId(),
                        host,
                        DiameterNode.text(request.find(DiameterNode.DESTINATION_REALM)),
                        p.name());
        if (r != null) {
            throw doic.throttled(r);
        }
    }
}
