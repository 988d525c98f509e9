package com.example.gy;

import static org.diameter4j.avps.Avps.AUTH_APPLICATION_ID;
import static org.diameter4j.avps.Avps.CC_REQUEST_NUMBER;
import static org.diameter4j.avps.Avps.CC_REQUEST_TYPE;
import static org.diameter4j.avps.Avps.REQUESTED_ACTION;
import static org.diameter4j.avps.Avps.RESULT_CODE;
import static org.diameter4j.avps.Avps.SERVICE_CONTEXT_ID;
import static org.diameter4j.avps.Avps.SESSION_ID;
import static org.diameter4j.avps.Avps.SUBSCRIPTION_ID;
import static org.diameter4j.avps.Avps.SUBSCRIPTION_ID_DATA;
import static org.diameter4j.avps.Avps.SUBSCRIPTION_ID_TYPE;

import java.time.Duration;
import org.diameter4j.avps.CcRequestType;
import org.diameter4j.avps.RequestedAction;
import org.diameter4j.avps.SubscriptionIdType;
import org.diameter4j.node.DiameterNode;
import org.diameter4j.node.NodeConfig;
import org.diameter4j.peer.ApplicationId;
import org.diameter4j.peer.PeerConfig;

/** What a user writes: asks an OCS whether a subscriber has credit (RFC 4006 §6.22, CHECK_BALANCE). */
public final class BalanceCheck {
    private BalanceCheck() {}

    /** The Result-Code of a CHECK_BALANCE event for {@code msisdn} at the OCS {@code uri}. */
    public static long check(String uri, String ocsHost, String msisdn) throws Exception {
        try (DiameterNode node =
                DiameterNode.start(
                        NodeConfig.builder("pcef.example.com")
                                .application(ApplicationId.auth(4))
                                .peer(PeerConfig.connectTo(uri).destinationHost(ocsHost).build())
                                .build())) {
            node.awaitReady(ocsHost, Duration.ofSeconds(10));
            var ccr =
                    node.dictionary()
                            .request("CCR", 4)
                            .add(SESSION_ID, node.newSessionId())
                            .add(AUTH_APPLICATION_ID, 4L)
                            .add(SERVICE_CONTEXT_ID, "32251@3gpp.org")
                            .add(CC_REQUEST_TYPE, CcRequestType.EVENT_REQUEST)
                            .add(CC_REQUEST_NUMBER, 0L)
                            .add(REQUESTED_ACTION, RequestedAction.CHECK_BALANCE)
                            .add(
                                    SUBSCRIPTION_ID.of(
                                            SUBSCRIPTION_ID_TYPE.of(
                                                    SubscriptionIdType.END_USER_E164),
                                            SUBSCRIPTION_ID_DATA.of(msisdn)));
            return node.send(ccr).get().get(RESULT_CODE);
        }
    }
}
