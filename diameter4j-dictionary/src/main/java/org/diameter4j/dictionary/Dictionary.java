package org.diameter4j.dictionary;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.diameter4j.codec.Avp;
import org.diameter4j.codec.AvpTypeResolver;
import org.diameter4j.codec.DataType;
import org.diameter4j.codec.DiameterMessage;

/**
 * An immutable, thread-safe dictionary: vendors, applications, AVPs keyed by (Vendor-Id, code) and
 * by name, and command grammars keyed by (Application-Id, code, request). Also the {@link
 * AvpTypeResolver} the codec decodes with, and the entry point for building and reading AVPs by
 * name.
 *
 * <pre>{@code
 * Dictionary d = Dictionary.standard();
 * DiameterMessage ccr = d.request("CCR", 4)
 *         .add(d.avp("Session-Id", "client.example.com;1;2"))
 *         .add(d.avp("CC-Request-Type", "EVENT_REQUEST"))
 *         .add(d.grouped("Subscription-Id",
 *                 d.avp("Subscription-Id-Type", "END_USER_E164"),
 *                 d.avp("Subscription-Id-Data", "41780000001")));
 * long rc = d.get(cca, "Result-Code").asUnsigned32();
 * }</pre>
 */
public final class Dictionary implements AvpTypeResolver {
    /** Result-Code (RFC 6733 §7.1). */
    static final int RESULT_CODE = 268;

    /** Experimental-Result-Code (RFC 6733 §7.7). */
    static final int EXPERIMENTAL_RESULT_CODE = 298;

    private static volatile Dictionary standard;

    private final Map<Integer, Vendor> vendors;
    private final Map<Long, Application> applications;
    private final Map<Long, AvpDefinition> avps;
    private final AvpIndex index;
    private final Map<String, AvpDefinition> avpsByName;
    private final Map<Long, CommandDefinition> commands;
    // commands by commandKey without boxing it: looked up for every message validated.
    private final LongIntTable commandIndex;
    private final CommandDefinition[] commandAt;

    // RFC 6733 §7.2's <answer-message> grammar against this dictionary's AVPs, built on first use
    // and shared by every validator: each peer has its own validators, and a grammar each was
    // ~1 KB per validator, two per peer (issue 10). Immutable; a race builds it twice, harmlessly.
    private volatile Grammar answerMessage;

    Dictionary(
            Map<Integer, Vendor> vendors,
            Map<Long, Application> applications,
            Map<Long, AvpDefinition> avps,
            Map<String, AvpDefinition> avpsByName,
            Map<Long, CommandDefinition> commands) {
        this.vendors = vendors;
        this.applications = Collections.unmodifiableMap(applications);
        this.avps = Collections.unmodifiableMap(avps);
        this.index = new AvpIndex(avps.values(), avps.size());
        this.avpsByName = Collections.unmodifiableMap(avpsByName);
        this.commands = Collections.unmodifiableMap(commands);
        this.commandIndex = new LongIntTable(commands.size());
        this.commandAt = new CommandDefinition[commands.size()];
        int i = 0;
        for (Map.Entry<Long, CommandDefinition> e : commands.entrySet()) {
            commandAt[i] = e.getValue();
            commandIndex.putIfAbsent(e.getKey(), i++);
        }
    }

    /** RFC 6733 §7.2's generic answer-message grammar, the same instance on every call. */
    Grammar answerMessageGrammar() {
        Grammar g = answerMessage;
        if (g == null) {
            g = OutboundValidator.answerMessageGrammar(this);
            answerMessage = g;
        }
        return g;
    }

    private CommandDefinition commandAt(long key) {
        int i = commandIndex.get(key);
        return i < 0 ? null : commandAt[i];
    }

    /** The dictionaries diameter4j ships, loaded once. */
    public static Dictionary standard() {
        Dictionary d = standard;
        if (d == null) {
            synchronized (Dictionary.class) {
                d = standard;
                if (d == null) {
                    d = standard = builder().addStandard().build();
                }
            }
        }
        return d;
    }

    /** An empty builder; add {@link DictionaryBuilder#addStandard()} and your own files. */
    public static DictionaryBuilder builder() {
        return new DictionaryBuilder();
    }

    static long key(int code, int vendorId) {
        return ((long) vendorId << 32) | (code & 0xffffffffL);
    }

    static long commandKey(long app, int code, boolean request) {
        return (app << 25) ^ ((long) code << 1) ^ (request ? 1 : 0);
    }

    // ---- lookups ------------------------------------------------------------------------------

    @Override
    public DataType typeOf(int code, int vendorId) {
        AvpDefinition d = index.get(code, vendorId);
        return d == null ? null : d.type();
    }

    /** The AVP with this code and Vendor-Id, or null. */
    public AvpDefinition avp(int code, int vendorId) {
        return index.get(code, vendorId);
    }

    /** The AVP with this name, or null. */
    public AvpDefinition findAvp(String name) {
        return avpsByName.get(name);
    }

    /** The AVP with this name; throws naming the unknown name. */
    public AvpDefinition avp(String name) {
        AvpDefinition d = avpsByName.get(name);
        if (d == null) {
            throw new IllegalArgumentException(
                    "unknown AVP '"
                            + name
                            + "': not in the dictionary (check the spelling,"
                            + " or load a dictionary file that defines it)");
        }
        return d;
    }

    public Collection<AvpDefinition> avps() {
        return avps.values();
    }

    public Vendor vendor(int id) {
        return vendors.get(id);
    }

    public Collection<Vendor> vendors() {
        return vendors.values();
    }

    public Application application(long id) {
        return applications.get(id);
    }

    public Collection<Application> applications() {
        return applications.values();
    }

    /** The grammar of this command, or null when the dictionary does not know it. */
    public CommandDefinition command(long applicationId, int code, boolean request) {
        CommandDefinition c = commandAt(commandKey(applicationId, code, request));
        if (c == null && applicationId != 0) {
            // Generic commands (RAR, STR, ASR …) are defined once with Application-Id 0.
            c = commandAt(commandKey(0, code, request));
        }
        return c;
    }

    /** The grammar of this message's command, or null. */
    public CommandDefinition command(DiameterMessage m) {
        return command(m.applicationId(), m.commandCode(), m.isRequest());
    }

    public Collection<CommandDefinition> commands() {
        return commands.values();
    }

    /**
     * A command by long or short name ("Credit-Control-Request" or "CCR"), in {@code
     * applicationId}; throws when unknown.
     */
    public CommandDefinition command(String name, long applicationId) {
        CommandDefinition generic = null;
        for (CommandDefinition c : commands.values()) {
            if (c.name().equalsIgnoreCase(name) || c.abbreviation().equalsIgnoreCase(name)) {
                if (c.applicationId() == applicationId) {
                    return c;
                }
                if (c.applicationId() == 0) {
                    generic = c;
                }
            }
        }
        if (generic != null) {
            return generic;
        }
        throw new IllegalArgumentException(
                "no command '" + name + "' in application " + applicationId);
    }

    /**
     * A command by name when it exists in a single application; throws naming the applications when
     * the name is ambiguous.
     */
    public CommandDefinition command(String name) {
        List<CommandDefinition> found = new ArrayList<>();
        for (CommandDefinition c : commands.values()) {
            if (c.name().equalsIgnoreCase(name) || c.abbreviation().equalsIgnoreCase(name)) {
                found.add(c);
            }
        }
        if (found.isEmpty()) {
            throw new IllegalArgumentException("no command named '" + name + "' in the dictionary");
        }
        if (found.size() > 1) {
            List<Long> apps = new ArrayList<>();
            for (CommandDefinition c : found) {
                apps.add(c.applicationId());
            }
            throw new IllegalArgumentException(
                    "command '" + name + "' exists in applications " + apps + ": say which one");
        }
        return found.get(0);
    }

    /** The short name of a command ("CER", "CCA"), or "code N" when unknown. */
    public String commandName(long applicationId, int code, boolean request) {
        CommandDefinition c = command(applicationId, code, request);
        return c != null ? c.abbreviation() : (request ? "request " : "answer ") + code;
    }

    /** The name of a Result-Code ("DIAMETER_SUCCESS"), or null. */
    public String resultCodeName(long code) {
        AvpDefinition d = avp(RESULT_CODE, 0);
        return d == null ? null : d.valueName(code);
    }

    /**
     * The result an answer carries: its Result-Code, or the Experimental-Result {Vendor-Id,
     * Experimental-Result-Code} (RFC 6733 §7.6) when it has no Result-Code; with its name. Null
     * when the answer has neither.
     */
    public Result result(DiameterMessage answer) {
        org.diameter4j.codec.Avp rc = answer.find(RESULT_CODE, 0);
        if (rc != null && rc.valueLength() == 4) {
            long code = rc.asUnsigned32();
            return new Result(code, 0, resultCodeName(code));
        }
        org.diameter4j.codec.Avp er = answer.find(297, 0);
        if (er == null) {
            return null;
        }
        try {
            org.diameter4j.codec.Avp code = er.children().find(EXPERIMENTAL_RESULT_CODE, 0);
            org.diameter4j.codec.Avp vendor = er.children().find(266, 0);
            if (code == null || code.valueLength() != 4) {
                return null;
            }
            long c = code.asUnsigned32();
            return new Result(
                    c,
                    vendor != null && vendor.valueLength() == 4 ? (int) vendor.asUnsigned32() : 0,
                    experimentalResultName(c));
        } catch (RuntimeException e) {
            return null;
        }
    }

    /**
     * A result: {@code vendorId} 0 for a Result-Code, the vendor for an Experimental-Result-Code.
     *
     * @param name the registered name, or null
     */
    public record Result(long code, int vendorId, String name) {
        public boolean isSuccess() {
            return code >= 1000 && code < 3000;
        }

        @Override
        public String toString() {
            return code
                    + (name != null ? " " + name : "")
                    + (vendorId != 0 ? " (vendor " + Integer.toUnsignedString(vendorId) + ")" : "");
        }
    }

    /** The name of an Experimental-Result-Code, or null. */
    public String experimentalResultName(long code) {
        AvpDefinition d = avp(EXPERIMENTAL_RESULT_CODE, 0);
        return d == null ? null : d.valueName(code);
    }

    // ---- building and reading by name ---------------------------------------------------------

    /**
     * A request for a command by name, with the R and P bits of its definition and the
     * Application-Id. Identifiers are left 0: the peer layer assigns them.
     */
    public DiameterMessage request(String commandName, long applicationId) {
        CommandDefinition c = command(commandName, applicationId);
        if (!c.request()) {
            c = command(applicationId, c.code(), true);
        }
        return DiameterMessage.request(c.code(), applicationId, c.proxiable());
    }

    /** An AVP by name with its value converted per its type (see {@link AvpValues#toAvp}). */
    public Avp avp(String name, Object value) {
        return AvpValues.toAvp(this, avp(name), value);
    }

    /** A Grouped AVP by name. */
    public Avp grouped(String name, Avp... children) {
        AvpDefinition d = avp(name);
        if (d.type() != DataType.GROUPED) {
            throw new IllegalArgumentException(
                    name + " is " + d.type().rfcName() + ", not Grouped");
        }
        return Avp.grouped(d.code(), d.vendorId(), d.defaultFlags(), children);
    }

    /** The first AVP with this name in the message, or null. */
    public Avp get(DiameterMessage m, String name) {
        AvpDefinition d = avp(name);
        return m.find(d.code(), d.vendorId());
    }

    /** The first child with this name in a Grouped AVP, or null. */
    public Avp get(Avp grouped, String name) {
        AvpDefinition d = avp(name);
        return grouped.children().find(d.code(), d.vendorId());
    }

    /** The value of an AVP as a Java object per its type (see {@link AvpValues#toValue}). */
    public Object value(Avp avp) {
        AvpDefinition d = avp(avp.code(), avp.vendorId());
        return AvpValues.toValue(d == null ? DataType.OCTET_STRING : d.type(), avp);
    }

    /** The display name of a value: enumerated name, vendor name or application name; or null. */
    public String valueName(Avp avp, long value) {
        AvpDefinition d = avp(avp.code(), avp.vendorId());
        if (d == null) {
            return null;
        }
        String n = d.valueName(value);
        if (n != null || avp.vendorId() != 0) {
            return n;
        }
        switch (avp.code()) {
            case 266, 265 -> { // Vendor-Id, Supported-Vendor-Id
                Vendor v = vendors.get((int) value);
                return v == null || value == 0 ? null : v.name();
            }
            case 258, 259 -> { // Auth-Application-Id, Acct-Application-Id
                Application a = applications.get(value);
                return a == null ? null : a.displayName();
            }
            default -> {
                return null;
            }
        }
    }
}
