package org.diameter4j.cli;

import org.diameter4j.node.NodeConfig;
import org.diameter4j.peer.StrictSend;
import picocli.CommandLine.Option;

/**
 * {@code --strict-send[=MODE]}: checks every message the command sends against its command grammar
 * before it leaves (docs/conformance.md). Given alone it means {@code reject}: an invalid request
 * is not sent and the command names the AVP and the rule; an invalid answer of {@code d4j server}
 * is replaced by 5012. Without the flag the node's default applies ({@code off}, or the {@code
 * diameter4j.strict-send} system property).
 */
public final class StrictSendOption {
    @Option(
            names = "--strict-send",
            arity = "0..1",
            paramLabel = "MODE",
            fallbackValue = "reject",
            description = {
                "Check every outgoing message against its command grammar (RFC 6733 §3.2):",
                "reject (what the flag alone means: an invalid message is not sent), log, off."
            })
    String mode;

    /** Sets the mode on {@code b} when the flag was given; a bad MODE is a usage error. */
    public void applyTo(NodeConfig.Builder b) {
        if (mode == null) {
            return;
        }
        try {
            b.strictSend(StrictSend.parse(mode));
        } catch (IllegalArgumentException e) {
            throw UserError.usage("--strict-send: " + e.getMessage());
        }
    }
}
