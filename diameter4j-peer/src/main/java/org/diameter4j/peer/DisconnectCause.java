package org.diameter4j.peer;

/** Disconnect-Cause (RFC 6733 §5.4.3) and what a receiver of a DPR does about reconnecting. */
public enum DisconnectCause {
    /** "A scheduled reboot is imminent. A receiver ... MAY attempt reconnection." */
    REBOOTING(0, true),
    /** "The peer's internal resources are constrained ... SHOULD NOT attempt reconnection." */
    BUSY(1, false),
    /** "The peer ... does not expect any messages ... SHOULD NOT attempt reconnection." */
    DO_NOT_WANT_TO_TALK_TO_YOU(2, false);

    private final int value;
    private final boolean reconnect;

    DisconnectCause(int value, boolean reconnect) {
        this.value = value;
        this.reconnect = reconnect;
    }

    public int value() {
        return value;
    }

    /** Whether a receiver of a DPR with this cause reconnects by itself (with Tc). */
    public boolean allowsReconnect() {
        return reconnect;
    }

    public static DisconnectCause of(long value) {
        for (DisconnectCause c : values()) {
            if (c.value == value) {
                return c;
            }
        }
        return null;
    }

    /** Lower case as seed 003 shows it: "rebooting". */
    public String displayName() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
