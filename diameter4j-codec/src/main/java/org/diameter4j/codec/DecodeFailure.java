package org.diameter4j.codec;

/**
 * Why a message could not be decoded, and what to tell the peer.
 *
 * @param resultCode the Result-Code an answer must carry (RFC 6733 §7.1): 5011, 5014, 5015, 3008,
 *     5004 …
 * @param reason one line for logs and the Error-Message AVP
 * @param offset byte offset of the fault from the start of the message
 * @param failedAvp the AVP for the Failed-AVP AVP (§7.5), or null when the fault is in the header;
 *     for a fault inside a Grouped AVP it holds the grouped hierarchy down to the offending AVP
 * @param partial the header and the top-level AVPs decoded before the fault, or null when not even
 *     the header could be read
 * @param fatal true when the stream cannot be re-synchronised (the Message Length is unusable): the
 *     transport must close the connection rather than answer
 */
public record DecodeFailure(
        int resultCode,
        String reason,
        int offset,
        Avp failedAvp,
        DiameterMessage partial,
        boolean fatal) {

    @Override
    public String toString() {
        return "Result-Code " + resultCode + " at byte " + offset + ": " + reason;
    }
}
