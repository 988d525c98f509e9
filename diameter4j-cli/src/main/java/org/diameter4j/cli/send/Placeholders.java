package org.diameter4j.cli.send;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The value expressions of a template: text with {@code ${variable}} placeholders, split once at
 * load time and filled in for each message from {@link Template.Vars}.
 */
final class Placeholders {
    private Placeholders() {}

    /** The variables a value may hold. */
    static final Set<String> VARIABLES =
            Set.of(
                    "session-id",
                    "origin-host",
                    "origin-realm",
                    "dest-realm",
                    "dest-host",
                    "request-number",
                    "msisdn",
                    "imsi",
                    "n",
                    "now");

    /**
     * The text split around its placeholders: even indexes are literal text, odd ones variable
     * names; a text without placeholders is one element.
     *
     * @throws IllegalArgumentException for an unclosed {@code ${} or an unknown variable
     */
    static List<String> split(String text) {
        List<String> parts = new ArrayList<>();
        int i = 0;
        while (true) {
            int start = text.indexOf("${", i);
            if (start < 0) {
                parts.add(text.substring(i));
                return parts;
            }
            int end = text.indexOf('}', start);
            if (end < 0) {
                throw new IllegalArgumentException("unclosed ${ in '" + text + "'");
            }
            String var = text.substring(start + 2, end).trim();
            if (!VARIABLES.contains(var)) {
                throw new IllegalArgumentException(
                        "unknown variable ${"
                                + var
                                + "} (known: "
                                + String.join(", ", new TreeSet<>(VARIABLES))
                                + ")");
            }
            parts.add(text.substring(i, start));
            parts.add(var);
            i = end + 1;
        }
    }

    /** Whether the parts are one variable and nothing else ({@code "${imsi}"}). */
    static boolean wholeVariable(List<String> parts) {
        return parts.size() == 3 && parts.get(0).isEmpty() && parts.get(2).isEmpty();
    }

    /** The text of split {@code parts} with each variable replaced by its value. */
    static String fill(List<String> parts, Template.Vars vars) {
        if (wholeVariable(parts)) {
            return vars.get(parts.get(1));
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < parts.size(); i++) {
            sb.append(i % 2 == 0 ? parts.get(i) : vars.get(parts.get(i)));
        }
        return sb.toString();
    }
}
