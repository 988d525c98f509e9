package org.diameter4j.dictionary;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.diameter4j.codec.DataType;

/**
 * Reads the dictionary text format of {@code docs/dictionary-format.md} into a {@link
 * DictionaryBuilder}. Line oriented; every fault names the file and line.
 */
final class DictionaryParser {
    private final DictionaryBuilder out;
    private final String file;

    // The statement that indented continuation lines belong to.
    private DictionaryBuilder.AvpDraft valuesTarget;
    private String valuesForName;
    private List<GrammarRule> grammarTarget;

    DictionaryParser(DictionaryBuilder out, String file) {
        this.out = out;
        this.file = file;
    }

    void parse(String text) {
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String raw = lines[i];
            int hash = raw.indexOf('#');
            String line = hash >= 0 ? raw.substring(0, hash) : raw;
            if (line.isBlank()) {
                continue;
            }
            SourceLocation at = new SourceLocation(file, i + 1);
            if (Character.isWhitespace(line.charAt(0))) {
                continuation(line.trim(), at);
            } else {
                statement(line.trim(), at);
            }
        }
    }

    private void statement(String line, SourceLocation at) {
        valuesTarget = null;
        valuesForName = null;
        grammarTarget = null;
        if (line.contains("::=")) {
            grammarHeader(line, at);
            return;
        }
        String[] t = line.split("\\s+");
        switch (t[0]) {
            case "vendor" -> {
                expect(t.length == 3, at, "expected: vendor <id> <Name>");
                out.vendor(new Vendor((int) number(t[1], at, 0xffffffffL), t[2]), at);
            }
            case "application" -> application(t, at);
            case "avp" -> avp(t, at);
            case "values" -> {
                expect(t.length == 2, at, "expected: values <AVP-Name>");
                valuesForName = t[1];
            }
            default ->
                    throw new DictionaryException(
                            at,
                            "unknown statement '"
                                    + t[0]
                                    + "' (expected vendor, application, avp, values, or a grammar with ::=)");
        }
    }

    private void application(String[] t, SourceLocation at) {
        expect(
                t.length == 4 || (t.length == 6 && t[4].equals("alias")),
                at,
                "expected: application <id> <Name> <auth|acct> [alias <Short>]");
        expect(
                t[3].equals("auth") || t[3].equals("acct"),
                at,
                "application kind must be auth or acct, not '" + t[3] + "'");
        out.application(
                new Application(
                        number(t[1], at, 0xffffffffL),
                        t[2],
                        t[3].equals("acct"),
                        t.length == 6 ? t[5] : null),
                at);
    }

    private void avp(String[] t, SourceLocation at) {
        expect(
                t.length == 5 || (t.length == 7 && t[5].equals("vendor")),
                at,
                "expected: avp <Name> <code> <Type> <M|m|-> [vendor <Vendor>]");
        DataType type = DataType.fromRfcName(t[3]);
        expect(type != null, at, "unknown data type '" + t[3] + "'");
        MRule rule = MRule.fromToken(t[4]);
        expect(rule != null, at, "M-rule must be M, m or -, not '" + t[4] + "'");
        String vendor = t.length == 7 ? t[6] : "0";
        valuesTarget = out.avp(t[1], (int) number(t[2], at, 0xffffffffL), type, rule, vendor, at);
    }

    private void continuation(String line, SourceLocation at) {
        if (grammarTarget != null) {
            grammarLine(line, at);
            return;
        }
        if (valuesTarget != null || valuesForName != null) {
            String[] t = line.split("\\s+");
            expect(t.length == 2, at, "expected a named value: NAME <number>");
            long v = signedNumber(t[1], at);
            if (valuesTarget != null) {
                out.value(valuesTarget, t[0], v, at);
            } else {
                out.value(valuesForName, t[0], v, at);
            }
            return;
        }
        throw new DictionaryException(
                at, "indented line outside an avp, values or grammar definition");
    }

    /**
     * "<Name> [ABBR] ::= < AVP Header: code [vendor] >" or "< Diameter Header: code, REQ, PXY, app
     * >".
     */
    private void grammarHeader(String line, SourceLocation at) {
        int sep = line.indexOf("::=");
        String left = line.substring(0, sep).trim();
        String right = line.substring(sep + 3).trim();
        expect(
                left.startsWith("<") && left.indexOf('>') > 0,
                at,
                "a grammar starts with <Name> ::=");
        String name = left.substring(1, left.indexOf('>')).trim();
        String abbrev = left.substring(left.indexOf('>') + 1).trim();
        expect(
                right.startsWith("<") && right.endsWith(">"),
                at,
                "expected < AVP Header: … > or < Diameter Header: … >");
        String inner = right.substring(1, right.length() - 1).trim();
        List<GrammarRule> rules = new ArrayList<>();
        if (inner.startsWith("AVP Header:")) {
            String[] t = inner.substring("AVP Header:".length()).trim().split("[\\s,]+");
            expect(t.length == 1 || t.length == 2, at, "expected < AVP Header: code [vendor-id] >");
            int code = (int) number(t[0], at, 0xffffffffL);
            int vendor = t.length == 2 ? (int) number(t[1], at, 0xffffffffL) : 0;
            expect(abbrev.isEmpty(), at, "a Grouped AVP grammar takes no short name");
            out.groupedGrammar(name, code, vendor, rules, at);
        } else if (inner.startsWith("Diameter Header:")) {
            String[] t = inner.substring("Diameter Header:".length()).split(",");
            int code = (int) number(t[0].trim(), at, 0xffffff);
            boolean req = false;
            boolean pxy = false;
            long app = 0;
            for (int k = 1; k < t.length; k++) {
                String f = t[k].trim();
                switch (f) {
                    case "REQ" -> req = true;
                    case "PXY" -> pxy = true;
                    case "ERR" -> {}
                    default -> app = number(f, at, 0xffffffffL);
                }
            }
            if (abbrev.isEmpty()) {
                abbrev = initials(name);
            }
            out.command(name, abbrev, code, app, req, pxy, rules, at);
        } else {
            throw new DictionaryException(
                    at, "expected < AVP Header: … > or < Diameter Header: … >");
        }
        grammarTarget = rules;
    }

    /** One or more grammar items: [qual] ( "<" name ">" | "{" name "}" | "[" name "]" ). */
    private void grammarLine(String line, SourceLocation at) {
        int i = 0;
        int n = line.length();
        while (i < n) {
            while (i < n && Character.isWhitespace(line.charAt(i))) {
                i++;
            }
            if (i >= n) {
                break;
            }
            int min = -1;
            int max = -1;
            boolean star = false;
            int s = i;
            while (i < n && Character.isDigit(line.charAt(i))) {
                i++;
            }
            if (i > s) {
                min = Integer.parseInt(line.substring(s, i));
            }
            if (i < n && line.charAt(i) == '*') {
                star = true;
                i++;
                s = i;
                while (i < n && Character.isDigit(line.charAt(i))) {
                    i++;
                }
                if (i > s) {
                    max = Integer.parseInt(line.substring(s, i));
                }
            } else if (min >= 0) {
                throw new DictionaryException(
                        at, "a count must be written min*max, e.g. 1*{ Host-IP-Address }");
            }
            while (i < n && Character.isWhitespace(line.charAt(i))) {
                i++;
            }
            expect(i < n, at, "grammar item missing after qualifier");
            char open = line.charAt(i);
            char close;
            GrammarRule.Kind kind;
            switch (open) {
                case '<' -> {
                    kind = GrammarRule.Kind.FIXED;
                    close = '>';
                }
                case '{' -> {
                    kind = GrammarRule.Kind.REQUIRED;
                    close = '}';
                }
                case '[' -> {
                    kind = GrammarRule.Kind.OPTIONAL;
                    close = ']';
                }
                default ->
                        throw new DictionaryException(
                                at, "expected <, { or [ but found '" + open + "'");
            }
            int end = line.indexOf(close, i + 1);
            expect(end > 0, at, "missing '" + close + "'");
            String name = line.substring(i + 1, end).trim();
            expect(
                    !name.isEmpty() && name.indexOf(' ') < 0,
                    at,
                    "bad AVP name '" + name + "' in grammar");
            i = end + 1;
            int lo;
            int hi;
            if (star) {
                lo = min >= 0 ? min : 0;
                hi = max >= 0 ? max : Integer.MAX_VALUE;
            } else {
                lo = kind == GrammarRule.Kind.OPTIONAL ? 0 : 1;
                hi = 1;
            }
            if (kind != GrammarRule.Kind.OPTIONAL && lo == 0) {
                lo = 1; // §3.2: a required AVP occurs at least once
            }
            expect(hi >= lo && hi > 0, at, "count " + lo + "*" + hi + " is empty");
            grammarTarget.add(new GrammarRule(kind, name, lo, hi));
        }
    }

    static String initials(String name) {
        StringBuilder sb = new StringBuilder();
        for (String part : name.split("-")) {
            if (!part.isEmpty()) {
                sb.append(Character.toUpperCase(part.charAt(0)));
            }
        }
        return sb.toString();
    }

    private static long number(String s, SourceLocation at, long max) {
        try {
            long v = Long.parseLong(s);
            if (v < 0 || v > max) {
                throw new DictionaryException(at, "number " + s + " is outside 0.." + max);
            }
            return v;
        } catch (NumberFormatException e) {
            throw new DictionaryException(at, "'" + s + "' is not a number");
        }
    }

    private static long signedNumber(String s, SourceLocation at) {
        try {
            return s.toLowerCase(Locale.ROOT).startsWith("0x")
                    ? Long.parseLong(s.substring(2), 16)
                    : Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw new DictionaryException(at, "'" + s + "' is not a number");
        }
    }

    private static void expect(boolean ok, SourceLocation at, String message) {
        if (!ok) {
            throw new DictionaryException(at, message);
        }
    }
}
