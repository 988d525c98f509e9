package org.diameter4j.gy.client;

/**
 * What the service element hears from its credit-control sessions. Called under the session's lock:
 * return quickly.
 */
public interface GyClientListener {
    default void serviceGranted(GyClientSession session, CcOutcome outcome) {}

    default void serviceTerminated(GyClientSession session, CcOutcome outcome) {}

    default void stateChanged(
            GyClientSession session, CcClientState from, CcClientState to, CcClientEvent event) {}

    GyClientListener NONE = new GyClientListener() {};
}
