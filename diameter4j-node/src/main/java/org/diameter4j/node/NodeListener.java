package org.diameter4j.node;

import java.util.function.Consumer;
import org.diameter4j.codec.DiameterMessage;

/**
 * What a node tells its listeners (the one way to watch a node): its events — a peer's state
 * changed (RFC 6733 §5.6), a peer became active or inactive, a malformed message was dropped — and,
 * for tools' {@code --trace} and tests, every message sent and received on a peer connection.
 *
 * <p>Both methods run on the peer's I/O thread, in the order things happened: they must return
 * quickly and never block (hand work to an executor). An exception a listener throws is logged and
 * does not reach the node. Register with {@link DiameterNode#addListener}.
 */
public interface NodeListener {

    /** An event of the node (seed 003's event table); each is also logged once when it is one. */
    default void event(NodeEvent event) {}

    /**
     * A message passed on a peer connection: sent when {@code received} is false. The message is
     * the node's own object: read it here, copy what you keep, never change it.
     */
    default void message(String peer, DiameterMessage message, boolean received) {}

    /** A listener of events only. */
    static NodeListener events(Consumer<NodeEvent> consumer) {
        return new NodeListener() {
            @Override
            public void event(NodeEvent event) {
                consumer.accept(event);
            }
        };
    }

    /** A listener of messages only, each handed over as a {@link DiameterNode.Traced}. */
    static NodeListener messages(Consumer<DiameterNode.Traced> consumer) {
        return new NodeListener() {
            @Override
            public void message(String peer, DiameterMessage message, boolean received) {
                consumer.accept(new DiameterNode.Traced(peer, message, received));
            }
        };
    }
}
