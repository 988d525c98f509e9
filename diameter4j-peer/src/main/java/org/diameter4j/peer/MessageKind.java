package org.diameter4j.peer;

/**
 * The rows of seed 003's peer statistics table: the base protocol's three request/answer pairs (RFC
 * 6733 §5.3 CER/CEA, §5.4 DPR/DPA, §5.5 DWR/DWA) and everything else as application messages.
 */
public enum MessageKind {
    CER("Capabilities-Exchange-Request"),
    CEA("Capabilities-Exchange-Answer"),
    DPR("Disconnect-Peer-Request"),
    DPA("Disconnect-Peer-Answer"),
    DWR("Device-Watchdog-Request"),
    DWA("Device-Watchdog-Answer"),
    APP_REQUEST("Application message request"),
    APP_ANSWER("Application message answer");

    private final String label;

    MessageKind(String label) {
        this.label = label;
    }

    /** The row's label as seed 003 prints it. */
    public String label() {
        return label;
    }

    /** The row a message with this command code and R bit is counted in. */
    public static MessageKind of(int commandCode, boolean request) {
        return switch (commandCode) {
            case 257 -> request ? CER : CEA;
            case 282 -> request ? DPR : DPA;
            case 280 -> request ? DWR : DWA;
            default -> request ? APP_REQUEST : APP_ANSWER;
        };
    }
}
