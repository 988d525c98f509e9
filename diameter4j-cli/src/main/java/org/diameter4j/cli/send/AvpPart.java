package org.diameter4j.cli.send;

import java.util.ArrayList;
import java.util.List;
import org.diameter4j.cli.Main;
import org.diameter4j.cli.UserError;
import org.diameter4j.codec.Avp;
import org.diameter4j.codec.AvpList;
import org.diameter4j.codec.DataType;
import org.diameter4j.dictionary.AvpDefinition;
import org.diameter4j.dictionary.AvpValues;
import org.diameter4j.dictionary.Dictionary;

/**
 * An AVP of a template, ready to build: once at load time when constant ({@link Constant}, shared
 * by every message), or per message when it holds variables ({@link Leaf}, {@link Group}).
 */
abstract class AvpPart {
    /** "file:line: avps.Name", for the faults found while building. */
    final String location;

    AvpPart(String location) {
        this.location = location;
    }

    abstract Avp build(Template.Vars vars);

    void addTo(AvpList list, Template.Vars vars) {
        list.add(build(vars));
    }

    /**
     * The AVP of a value in its type's text form (RFC 6733 §4.2-§4.3, through {@link AvpValues}); a
     * Time may also be given as seconds since 1970.
     *
     * @throws IllegalArgumentException when the text is not a value of the AVP's type
     */
    static Avp convert(Dictionary dict, AvpDefinition def, String text) {
        Object value = text;
        if (def.type() == DataType.TIME
                && !text.isEmpty()
                && text.chars().allMatch(Character::isDigit)) {
            value = Long.parseLong(text);
        }
        return AvpValues.toAvp(dict, def, value);
    }

    static String clean(String msg) {
        return msg == null ? "bad value" : msg;
    }

    /** An AVP built at load time. */
    static final class Constant extends AvpPart {
        final Avp avp;

        Constant(String location, Avp avp) {
            super(location);
            this.avp = avp;
        }

        @Override
        Avp build(Template.Vars vars) {
            return avp;
        }
    }

    /** A value with variables, converted for each message. */
    static final class Leaf extends AvpPart {
        final Dictionary dict;
        final AvpDefinition def;
        final List<String> parts; // see Placeholders.split

        Leaf(String location, Dictionary dict, AvpDefinition def, List<String> parts) {
            super(location);
            this.dict = dict;
            this.def = def;
            this.parts = parts;
        }

        @Override
        Avp build(Template.Vars vars) {
            try {
                if (Placeholders.wholeVariable(parts)) {
                    return AvpValues.toAvp(dict, def, vars.typed(parts.get(1), def.type()));
                }
                return convert(dict, def, Placeholders.fill(parts, vars));
            } catch (IllegalArgumentException e) {
                throw new UserError(Main.USAGE, location + ": " + clean(e.getMessage()));
            }
        }
    }

    /** A Grouped AVP (RFC 6733 §4.4) with at least one member that holds variables. */
    static final class Group extends AvpPart {
        final AvpDefinition def;
        final List<AvpPart> children;

        Group(String location, AvpDefinition def, List<AvpPart> children) {
            super(location);
            this.def = def;
            this.children = children;
        }

        @Override
        Avp build(Template.Vars vars) {
            List<Avp> c = new ArrayList<>(children.size());
            for (AvpPart p : children) {
                c.add(p.build(vars));
            }
            return Avp.grouped(def.code(), def.vendorId(), def.defaultFlags(), c);
        }
    }
}
