package org.diameter4j.rf;

import java.util.concurrent.CompletableFuture;
import org.diameter4j.node.DiameterNode;
import org.diameter4j.peer.ApplicationId;

/**
 * Rf accounting on a {@link DiameterNode} (which must advertise {@link #application()}):
 *
 * <pre>{@code
 * AccountingClient rf = new AccountingClient(node);
 * AccountingSession s = rf.session().userName("41780000001").content(psInformation).build();
 * AccountingAnswer a = s.start().get();   // INTERIM records follow at the ACA's Acct-Interim-Interval
 * ...
 * s.stop().get();
 * rf.event(content).get();                 // a one-record EVENT session
 * }</pre>
 */
public final class AccountingClient {
    private final DiameterNode node;

    public AccountingClient(DiameterNode node) {
        this.node = node;
    }

    /** The Diameter base accounting application, 3. */
    public static ApplicationId application() {
        return ApplicationId.acct(AccountingSession.ACCOUNTING_APPLICATION);
    }

    /** A new session with a fresh Session-Id, sent through the node's routing. */
    public AccountingSession.Builder session() {
        return AccountingSession.builder(node.dictionary(), node::send, node.newSessionId());
    }

    /** Sends one EVENT record in a session of its own. */
    public CompletableFuture<AccountingAnswer> event(RecordContent content) {
        return session().content(content).build().event();
    }
}
