package org.diameter4j.codec.type;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The IPFilterRule format (RFC 6733 §4.3.1) and the QoSFilterRule format (RFC 3588 §4.3), which
 * share one shape:
 *
 * <pre>
 * action dir proto from src to dst [options]
 * action  IPFilterRule: permit | deny      QoSFilterRule: tag | meter
 * dir     in | out
 * proto   an IP protocol number, or "ip" for any
 * src/dst [!] (any | assigned | ipno | ipno/bits) [ports]
 * </pre>
 *
 * Parsing checks the grammar up to the options, which are kept as text; the original text is what
 * is encoded, so a rule always re-encodes byte for byte.
 */
public record FilterRule(
        Kind kind,
        String action,
        String direction,
        String protocol,
        String source,
        String destination,
        String options,
        String text) {

    public enum Kind {
        IP_FILTER(Set.of("permit", "deny")),
        QOS_FILTER(Set.of("tag", "meter"));

        private final Set<String> actions;

        Kind(Set<String> actions) {
            this.actions = actions;
        }
    }

    /** Parses a rule; throws {@link IllegalArgumentException} naming the first token at fault. */
    public static FilterRule parse(Kind kind, String text) {
        List<String> t = List.of(text.trim().split("\\s+"));
        int i = 0;
        String action = token(t, i++, text, "an action");
        if (!kind.actions.contains(action.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException(
                    "'" + text + "': action '" + action + "' is not one of " + kind.actions);
        }
        String dir = token(t, i++, text, "a direction (in|out)");
        if (!dir.equalsIgnoreCase("in") && !dir.equalsIgnoreCase("out")) {
            throw new IllegalArgumentException(
                    "'" + text + "': direction must be in or out, not '" + dir + "'");
        }
        String proto = token(t, i++, text, "a protocol");
        if (!proto.equalsIgnoreCase("ip")) {
            boolean ok =
                    !proto.isEmpty()
                            && proto.length() <= 3
                            && proto.chars().allMatch(Character::isDigit)
                            && Integer.parseInt(proto) <= 255;
            if (!ok) {
                throw new IllegalArgumentException(
                        "'"
                                + text
                                + "': protocol must be 'ip' or a number 0..255, not '"
                                + proto
                                + "'");
            }
        }
        if (!token(t, i++, text, "'from'").equalsIgnoreCase("from")) {
            throw new IllegalArgumentException(
                    "'" + text + "': expected 'from' after the protocol");
        }
        StringBuilder src = new StringBuilder(token(t, i++, text, "a source address"));
        while (i < t.size() && !t.get(i).equalsIgnoreCase("to")) {
            src.append(' ').append(t.get(i++));
        }
        if (i >= t.size()) {
            throw new IllegalArgumentException("'" + text + "': expected 'to' after the source");
        }
        i++;
        StringBuilder dst = new StringBuilder(token(t, i++, text, "a destination address"));
        if (i < t.size() && isPortList(t.get(i))) {
            dst.append(' ').append(t.get(i++));
        }
        String options = String.join(" ", t.subList(i, t.size()));
        return new FilterRule(
                kind, action, dir, proto, src.toString(), dst.toString(), options, text);
    }

    private static boolean isPortList(String s) {
        return !s.isEmpty()
                && s.chars().allMatch(c -> Character.isDigit(c) || c == ',' || c == '-');
    }

    private static String token(List<String> t, int i, String text, String what) {
        if (i >= t.size() || t.get(i).isEmpty()) {
            throw new IllegalArgumentException("'" + text + "': missing " + what);
        }
        return t.get(i);
    }

    @Override
    public String toString() {
        return text;
    }
}
