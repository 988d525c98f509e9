package org.diameter4j.testkit.mock;

import org.diameter4j.codec.DiameterMessage;

/**
 * A request {@link MockDiameterServer} received.
 *
 * @param message the request as decoded
 * @param connection which connection it came on, from 1 in accept order
 * @param sequence its number among all the server's requests, from 1 (CER and DWR included)
 */
public record RecordedRequest(DiameterMessage message, int connection, int sequence) {
    /** The command code. */
    public int commandCode() {
        return message.commandCode();
    }
}
