package org.diameter4j.peer.internal;

import java.util.ArrayDeque;
import org.diameter4j.peer.PeerState;

/**
 * Runs {@link PeerTransitionTable}: for each event, performs the row's actions in order and moves
 * to the row's next state. Events raised while a row runs (the Win-Election of the Elect action)
 * are queued and handled after it, in the state the row led to.
 *
 * <p>An action can fail — a CER with no common application, a CEA from the wrong host, a connection
 * that could not be written — and then names the state to go to instead; the row's remaining
 * actions are skipped. Not thread-safe: one peer's events run on one thread.
 */
public final class PeerStateMachine {
    /** What an action reports. */
    public static final class Outcome {
        public static final Outcome OK = new Outcome(null);
        private final PeerState instead;

        private Outcome(PeerState instead) {
            this.instead = instead;
        }

        /** The action failed: skip the rest of the row and go to {@code state}. */
        public static Outcome goTo(PeerState state) {
            return new Outcome(state);
        }
    }

    /** Performs actions and observes transitions. */
    public interface Actions {
        Outcome perform(PeerAction action, PeerEvent event, Object data);

        /** The state changed (not called when a row leads back to the same state). */
        void stateChanged(PeerState from, PeerState to, PeerEvent event);

        /** The RFC table has no row for this event in this state; the event is ignored. */
        void unexpected(PeerState state, PeerEvent event, Object data);
    }

    private record Queued(PeerEvent event, Object data) {}

    private final Actions actions;
    // Events raised while one is handled; rarely more than one or two, and it grows when needed
    // (the default capacity, 16, is ~90 bytes for each of possibly 100,000 peers; issue 10).
    private final ArrayDeque<Queued> queue = new ArrayDeque<>(2);
    private PeerState state = PeerState.CLOSED;
    private boolean running;

    public PeerStateMachine(Actions actions) {
        this.actions = actions;
    }

    public PeerState state() {
        return state;
    }

    /** Handles {@code event}; {@code data} is the connection and/or message it concerns. */
    public void fire(PeerEvent event, Object data) {
        queue.add(new Queued(event, data));
        if (running) {
            return; // raised by an action: handled once the current row is done
        }
        running = true;
        try {
            Queued q;
            while ((q = queue.poll()) != null) {
                step(q.event(), q.data());
            }
        } finally {
            running = false;
        }
    }

    private void step(PeerEvent event, Object data) {
        PeerTransitionTable.Transition t = PeerTransitionTable.lookup(state, event);
        if (t == null) {
            actions.unexpected(state, event, data);
            return;
        }
        PeerState next = t.next();
        for (PeerAction a : t.actions()) {
            Outcome o = actions.perform(a, event, data);
            if (o.instead != null) {
                next = o.instead;
                break;
            }
        }
        PeerState from = state;
        state = next;
        if (from != next) {
            actions.stateChanged(from, next, event);
        }
    }
}
