package org.diameter4j.dictionary.generate;

import java.util.Locale;
import java.util.Set;

/**
 * Java identifiers for dictionary names: {@code CC-Request-Type} → constant {@code
 * CC_REQUEST_TYPE}, enum {@code CcRequestType}. A leading "3GPP" (3GPP-IMSI, TS 29.061) becomes
 * "TGPP", any other leading digit gets a prefix, so every name is a legal identifier.
 */
final class JavaNames {
    private JavaNames() {}

    /** Names a generated type must not take: they would shadow java.lang or our own classes. */
    private static final Set<String> RESERVED_TYPES =
            Set.of(
                    "Avps",
                    "Object",
                    "String",
                    "Class",
                    "Enum",
                    "Integer",
                    "Long",
                    "Boolean",
                    "Byte",
                    "Short",
                    "Character",
                    "Double",
                    "Float",
                    "Number",
                    "Process",
                    "Runtime",
                    "System",
                    "Thread",
                    "Void",
                    "Override",
                    "Deprecated",
                    "Record",
                    "Module",
                    "Package",
                    "Error",
                    "Exception",
                    "Math",
                    "Iterable",
                    "Comparable",
                    "Compiler",
                    "Readable",
                    "Appendable",
                    "Runnable",
                    "Throwable",
                    "StrictMath");

    /** {@code CC-Request-Type} → {@code CC_REQUEST_TYPE}. */
    static String constant(String name) {
        return identifier(name, "AVP_").toUpperCase(Locale.ROOT);
    }

    /** {@code CC-Request-Type} → {@code CcRequestType}. */
    static String type(String name) {
        String id = identifier(name, "Avp_");
        StringBuilder out = new StringBuilder(id.length());
        boolean start = true;
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (c == '_') {
                start = true;
            } else if (start) {
                out.append(Character.toUpperCase(c));
                start = false;
            } else {
                out.append(Character.toLowerCase(c));
            }
        }
        String t = out.toString();
        return RESERVED_TYPES.contains(t) ? t + "Value" : t;
    }

    /**
     * A value name of an Enumerated AVP → an enum constant: {@code TOTAL-OCTETS} → TOTAL_OCTETS.
     */
    static String enumConstant(String valueName) {
        String id = identifier(valueName, "_").toUpperCase(Locale.ROOT);
        return id.isEmpty() ? "_" : id;
    }

    private static String identifier(String name, String digitPrefix) {
        String n = name;
        if (n.regionMatches(true, 0, "3GPP", 0, 4)) {
            n = "TGPP" + n.substring(4);
        }
        StringBuilder out = new StringBuilder(n.length() + 4);
        for (int i = 0; i < n.length(); i++) {
            char c = n.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
            if (ok) {
                out.append(c);
            } else if (out.length() > 0 && out.charAt(out.length() - 1) != '_') {
                out.append('_');
            }
        }
        while (out.length() > 0 && out.charAt(out.length() - 1) == '_') {
            out.setLength(out.length() - 1);
        }
        if (out.length() > 0 && Character.isDigit(out.charAt(0))) {
            out.insert(0, digitPrefix);
        }
        return out.toString();
    }
}
