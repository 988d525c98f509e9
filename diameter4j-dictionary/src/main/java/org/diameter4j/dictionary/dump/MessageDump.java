package org.diameter4j.dictionary.dump;

import org.diameter4j.codec.Avp;
import org.diameter4j.codec.AvpList;
import org.diameter4j.codec.DataType;
import org.diameter4j.codec.DecodeFailure;
import org.diameter4j.codec.DiameterMessage;
import org.diameter4j.dictionary.Application;
import org.diameter4j.dictionary.AvpDefinition;
import org.diameter4j.dictionary.AvpValues;
import org.diameter4j.dictionary.CommandDefinition;
import org.diameter4j.dictionary.Dictionary;
import org.diameter4j.dictionary.Vendor;

/**
 * Formats messages and AVPs as text:
 *
 * <pre>
 * CER Capabilities-Exchange-Request
 *   Header
 *     ver 1  len 284  flags R-------  code 257
 *     app-id 0 (Base)  hbh-id 19864  e2e-id 3486524428
 *   AVPs
 *     Origin-Host (264) -M------ [26]
 *       data [18] (DiameterIdentity) : bng-gx.realm-1.com
 *     Auth-Application-Id (258) -M------ [12]
 *       data [4] (Unsigned32) : 4 : Gy
 * </pre>
 *
 * Never throws on bad data: a value that does not fit its type prints as hex with a note.
 */
public final class MessageDump {
    /**
     * Grouped AVPs deeper than this are summarised, so a hostile message cannot flood the output.
     */
    static final int MAX_DEPTH = 32;

    private final Dictionary dict;

    public MessageDump(Dictionary dict) {
        this.dict = dict;
    }

    /** The whole message: title, header and AVPs. */
    public String format(DiameterMessage m) {
        StringBuilder sb = new StringBuilder(512);
        appendMessage(sb, m);
        return sb.toString();
    }

    public void appendMessage(StringBuilder sb, DiameterMessage m) {
        CommandDefinition c = dict.command(m);
        sb.append(title(m));
        if (c != null) {
            sb.append(' ').append(c.name());
        }
        sb.append('\n');
        appendHeader(sb, m);
        sb.append("  AVPs\n");
        appendAvps(sb, m.avps(), 4, 1);
    }

    /** "CER", "CCA", or "request 999" for a command the dictionary does not know. */
    public String title(DiameterMessage m) {
        return dict.commandName(m.applicationId(), m.commandCode(), m.isRequest());
    }

    public void appendHeader(StringBuilder sb, DiameterMessage m) {
        sb.append("  Header\n");
        sb.append("    ver ")
                .append(m.version())
                .append("  len ")
                .append(m.wireLength() >= 0 ? m.wireLength() : m.length())
                .append("  flags ")
                .append(DiameterMessage.commandFlagString(m.flags()))
                .append("  code ")
                .append(m.commandCode())
                .append('\n');
        sb.append("    app-id ").append(m.applicationId());
        Application app = dict.application(m.applicationId());
        if (app != null) {
            sb.append(" (").append(app.displayName()).append(')');
        }
        sb.append("  hbh-id ")
                .append(Integer.toUnsignedString(m.hopByHop()))
                .append("  e2e-id ")
                .append(Integer.toUnsignedString(m.endToEnd()))
                .append('\n');
    }

    /** One AVP (and its children) at {@code indent} spaces: used for Failed-AVP reports. */
    public String formatAvp(Avp a, int indent) {
        StringBuilder sb = new StringBuilder();
        appendAvp(sb, a, indent, 1);
        return sb.toString();
    }

    private void appendAvps(StringBuilder sb, AvpList avps, int indent, int depth) {
        for (Avp a : avps) {
            appendAvp(sb, a, indent, depth);
        }
    }

    private void appendAvp(StringBuilder sb, Avp a, int indent, int depth) {
        AvpDefinition d = dict.avp(a.code(), a.vendorId());
        pad(sb, indent);
        sb.append(d != null ? d.name() : "AVP").append(" (").append(a.code()).append(')');
        if (a.isVendorSpecific()) {
            Vendor v = dict.vendor(a.vendorId());
            sb.append(" vendor ").append(Integer.toUnsignedString(a.vendorId()));
            if (v != null) {
                sb.append(" (").append(v.name()).append(')');
            }
        }
        sb.append(' ')
                .append(Avp.flagString(a.flags()))
                .append(" [")
                .append(a.avpLength())
                .append("]\n");
        pad(sb, indent + 2);
        DataType type = d != null ? d.type() : null;
        sb.append("data [")
                .append(a.valueLength())
                .append("] (")
                .append(type != null ? type.rfcName() : "unknown")
                .append(')');
        if (type == DataType.GROUPED) {
            sb.append('\n');
            if (depth >= MAX_DEPTH) {
                pad(sb, indent + 4);
                sb.append("… nested deeper than ").append(MAX_DEPTH).append(" levels, not shown\n");
                return;
            }
            AvpList children;
            try {
                children = a.children();
            } catch (RuntimeException e) {
                pad(sb, indent + 4);
                sb.append("(malformed Grouped data: ").append(e.getMessage()).append(")\n");
                return;
            }
            appendAvps(sb, children, indent + 4, depth + 1);
            return;
        }
        sb.append(" : ").append(AvpValues.format(type != null ? type : DataType.OCTET_STRING, a));
        Long v = AvpValues.integerValue(type, a);
        if (v != null) {
            String name = dict.valueName(a, v);
            if (name != null) {
                sb.append(" : ").append(name);
            }
        }
        sb.append('\n');
    }

    /**
     * A failure in seed 003's shape: Result code, Error message, Failed AVP, then the message as
     * far as it was decoded.
     */
    public String formatFailure(DecodeFailure f) {
        StringBuilder sb = new StringBuilder();
        String name = dict.resultCodeName(f.resultCode());
        sb.append("Result code: ").append(f.resultCode());
        if (name != null) {
            sb.append(' ').append(name);
        }
        sb.append('\n');
        sb.append("Error message: \"").append(f.reason()).append("\"\n");
        if (f.offset() >= 0) {
            sb.append("At byte: ").append(f.offset()).append('\n');
        }
        if (f.failedAvp() != null) {
            sb.append("Failed AVP:\n");
            appendAvp(sb, f.failedAvp(), 4, 1);
        }
        if (f.partial() != null) {
            sb.append("Message (decoded up to the fault):\n");
            appendMessage(sb, f.partial());
        }
        return sb.toString();
    }

    private static void pad(StringBuilder sb, int n) {
        for (int i = 0; i < n; i++) {
            sb.append(' ');
        }
    }
}
