package org.diameter4j.dictionary.generate;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.diameter4j.codec.DataType;
import org.diameter4j.dictionary.AvpDefinition;
import org.diameter4j.dictionary.Dictionary;
import org.diameter4j.dictionary.DictionaryBuilder;
import org.diameter4j.dictionary.DictionaryException;

/**
 * Writes typed AVP keys from dictionaries: a class {@code Avps} with one {@code AvpKey} constant
 * per AVP (code, Vendor-Id, flags and Java type from its definition) and one Java enum per
 * Enumerated AVP with named values. The build runs it on the standard dictionaries (module {@code
 * diameter4j-avps}); run it on your own files as
 *
 * <pre>
 * java -cp diameter4j-dictionary.jar:diameter4j-codec.jar \
 *     org.diameter4j.dictionary.generate.TypedAvpGenerator OUT_DIR com.acme.avps my-app.dict
 * </pre>
 *
 * which writes keys for the AVPs defined in {@code my-app.dict} (it may refer to the standard
 * ones). The output is deterministic: sorted by name, so regenerating changes nothing.
 */
public final class TypedAvpGenerator {
    private final Dictionary dictionary;
    private final Set<String> files;
    private final String packageName;
    private final String className;

    /**
     * @param files the dictionary sources whose AVPs get keys (as in {@link
     *     org.diameter4j.dictionary.SourceLocation#file()}); empty for every AVP
     */
    public TypedAvpGenerator(
            Dictionary dictionary, Set<String> files, String packageName, String className) {
        this.dictionary = dictionary;
        this.files = files;
        this.packageName = packageName;
        this.className = className;
    }

    /** Arguments: OUT_DIR PACKAGE [FILE.dict …]; without files, the standard dictionaries. */
    public static void main(String[] args) {
        int rc = run(args, System.out, System.err);
        if (rc != 0) {
            System.exit(rc);
        }
    }

    /**
     * Runs the generator; returns the exit code: 0 written, 1 a dictionary or file fault (one line
     * naming it, never a stack trace), 2 usage.
     */
    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length < 2) {
            err.println(
                    "usage: TypedAvpGenerator OUT_DIR PACKAGE [FILE.dict ...]"
                            + " (no files: the standard dictionaries)");
            return 2;
        }
        try {
            DictionaryBuilder b = Dictionary.builder().addStandard();
            Set<String> files = new HashSet<>();
            for (int i = 2; i < args.length; i++) {
                Path f = Path.of(args[i]);
                if (!Files.isRegularFile(f)) {
                    err.println("TypedAvpGenerator: " + f + ": no such dictionary file");
                    return 1;
                }
                b.addFile(f);
                files.add(f.toString());
            }
            Map<String, String> sources =
                    new TypedAvpGenerator(b.build(), files, args[1], "Avps").generate();
            Path dir = Path.of(args[0]).resolve(args[1].replace('.', '/'));
            Files.createDirectories(dir);
            for (Map.Entry<String, String> e : sources.entrySet()) {
                Path target = dir.resolve(e.getKey() + ".java");
                byte[] bytes = e.getValue().getBytes(StandardCharsets.UTF_8);
                if (!Files.exists(target)
                        || !java.util.Arrays.equals(Files.readAllBytes(target), bytes)) {
                    Files.write(target, bytes);
                }
            }
            out.println("TypedAvpGenerator: " + sources.size() + " files in " + dir);
            return 0;
        } catch (DictionaryException | IllegalStateException e) {
            err.println("TypedAvpGenerator: " + e.getMessage());
            return 1;
        } catch (IOException e) {
            err.println("TypedAvpGenerator: cannot write the sources: " + e);
            return 1;
        }
    }

    /** Class name → Java source: the keys class first, then one enum per Enumerated AVP. */
    public Map<String, String> generate() {
        List<AvpDefinition> defs = new ArrayList<>();
        for (AvpDefinition d : dictionary.avps()) {
            if (files.isEmpty() || files.contains(d.location().file())) {
                defs.add(d);
            }
        }
        defs.sort(Comparator.comparing(AvpDefinition::name));
        Map<String, String> out = new LinkedHashMap<>();
        StringBuilder keys = new StringBuilder(256 * defs.size());
        keys.append("package ").append(packageName).append(";\n\n");
        keys.append("import org.diameter4j.codec.AvpKey;\n");
        keys.append("import org.diameter4j.codec.DataType;\n");
        keys.append("import org.diameter4j.codec.GroupedAvpKey;\n");
        keys.append("import org.diameter4j.codec.type.DiameterAddress;\n\n");
        keys.append("/**\n * Typed keys of ")
                .append(defs.size())
                .append(" AVPs, generated by {@code ")
                .append(TypedAvpGenerator.class.getName())
                .append(
                        "} from their dictionaries — do not edit. Each constant names its definition")
                .append(" (file:line).\n")
                .append(" * {@code msg.add(CC_REQUEST_TYPE, CcRequestType.EVENT_REQUEST)},")
                .append(" {@code Long rc = cca.get(RESULT_CODE)}.\n */\n");
        keys.append("@SuppressWarnings(\"unused\")\n");
        keys.append("public final class ").append(className).append(" {\n");
        keys.append("    private ").append(className).append("() {}\n");
        Set<String> constants = new HashSet<>();
        Set<String> types = new HashSet<>();
        for (AvpDefinition d : defs) {
            String constant = JavaNames.constant(d.name());
            if (!constants.add(constant)) {
                throw new IllegalStateException(
                        d.name()
                                + " ("
                                + d.location()
                                + ") gives the constant "
                                + constant
                                + " that another AVP already has");
            }
            String enumType = null;
            if (d.type() == DataType.ENUMERATED && !d.valueNames().isEmpty()) {
                enumType = JavaNames.type(d.name());
                if (!types.add(enumType)) {
                    throw new IllegalStateException(
                            d.name()
                                    + " ("
                                    + d.location()
                                    + ") gives the enum "
                                    + enumType
                                    + " that another AVP already has");
                }
                out.put(enumType, enumSource(d, enumType));
            }
            keys.append('\n');
            keys.append("    /** {@code ").append(d.name()).append("} (").append(d.code());
            if (d.vendorId() != 0) {
                keys.append(", vendor ").append(d.vendorId());
            }
            keys.append("), ")
                    .append(d.type().rfcName())
                    .append(" — ")
                    .append(d.location())
                    .append(". */\n");
            keys.append("    public static final ")
                    .append(keyType(d, enumType))
                    .append(' ')
                    .append(constant)
                    .append(" =\n            ")
                    .append(factory(d, enumType))
                    .append(";\n");
        }
        keys.append("}\n");
        Map<String, String> ordered = new LinkedHashMap<>();
        ordered.put(className, keys.toString());
        ordered.putAll(out);
        ordered.put(
                "package-info",
                "/**\n * Typed AVP keys ({@link "
                        + packageName
                        + "."
                        + className
                        + "}) and the enums of"
                        + " Enumerated AVPs,\n * generated from dictionaries by {@code "
                        + TypedAvpGenerator.class.getSimpleName()
                        + "}.\n */\npackage "
                        + packageName
                        + ";\n");
        return ordered;
    }

    private static String keyType(AvpDefinition d, String enumType) {
        return switch (d.type()) {
            case GROUPED -> "GroupedAvpKey";
            case ENUMERATED -> enumType != null ? "AvpKey<" + enumType + ">" : "AvpKey<Integer>";
            default -> "AvpKey<" + javaType(d.type()) + ">";
        };
    }

    private static String javaType(DataType t) {
        return switch (t) {
            case INTEGER32, ENUMERATED -> "Integer";
            case INTEGER64, UNSIGNED32, UNSIGNED64 -> "Long";
            case FLOAT32 -> "Float";
            case FLOAT64 -> "Double";
            case OCTET_STRING -> "byte[]";
            case ADDRESS -> "DiameterAddress";
            case TIME -> "java.time.Instant";
            case GROUPED -> "org.diameter4j.codec.AvpList";
            default -> "String";
        };
    }

    private static String factory(AvpDefinition d, String enumType) {
        String args =
                "\""
                        + d.name()
                        + "\", "
                        + d.code()
                        + ", "
                        + d.vendorId()
                        + ", 0x"
                        + Integer.toHexString(d.defaultFlags());
        return switch (d.type()) {
            case INTEGER32 -> "AvpKey.integer32(" + args + ")";
            case INTEGER64 -> "AvpKey.integer64(" + args + ")";
            case UNSIGNED32 -> "AvpKey.unsigned32(" + args + ")";
            case UNSIGNED64 -> "AvpKey.unsigned64(" + args + ")";
            case FLOAT32 -> "AvpKey.float32(" + args + ")";
            case FLOAT64 -> "AvpKey.float64(" + args + ")";
            case OCTET_STRING -> "AvpKey.octetString(" + args + ")";
            case ADDRESS -> "AvpKey.address(" + args + ")";
            case TIME -> "AvpKey.time(" + args + ")";
            case GROUPED -> "AvpKey.grouped(" + args + ")";
            case ENUMERATED ->
                    enumType != null
                            ? "AvpKey.enumerated(" + args + ", " + enumType + "::of)"
                            : "AvpKey.enumeratedCode(" + args + ")";
            default -> "AvpKey.text(" + args + ", DataType." + d.type().name() + ")";
        };
    }

    private String enumSource(AvpDefinition d, String type) {
        StringBuilder s = new StringBuilder(2048);
        s.append("package ").append(packageName).append(";\n\n");
        s.append("import org.diameter4j.codec.DiameterEnum;\n\n");
        s.append("/**\n * The values of {@code ")
                .append(d.name())
                .append("} (")
                .append(d.code())
                .append(d.vendorId() != 0 ? ", vendor " + d.vendorId() : "")
                .append("), ")
                .append(d.location())
                .append(";\n * generated by {@code ")
                .append(TypedAvpGenerator.class.getSimpleName())
                .append("} — do not edit.\n */\n");
        s.append("public enum ").append(type).append(" implements DiameterEnum {\n");
        Map<String, Long> constants = new LinkedHashMap<>();
        d.valueNames().entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(
                        e -> {
                            String c = JavaNames.enumConstant(e.getValue());
                            if (constants.containsKey(c)) {
                                c = c + "_" + e.getKey();
                            }
                            constants.put(c, e.getKey());
                        });
        int i = 0;
        for (Map.Entry<String, Long> e : constants.entrySet()) {
            String wireName = d.valueName(e.getValue());
            s.append("    /** {@code ")
                    .append(wireName)
                    .append("} (")
                    .append(e.getValue())
                    .append("). */\n");
            s.append("    ")
                    .append(e.getKey())
                    .append('(')
                    .append(e.getValue().intValue())
                    .append(')')
                    .append(++i < constants.size() ? ",\n" : ";\n");
        }
        s.append("\n    private final int code;\n\n");
        s.append("    ").append(type).append("(int code) {\n        this.code = code;\n    }\n\n");
        s.append("    @Override\n    public int code() {\n        return code;\n    }\n\n");
        s.append(
                "    /** The constant for a wire value, or null when the dictionary does not name it. */\n");
        s.append("    public static ").append(type).append(" of(int code) {\n");
        s.append("        switch (code) {\n");
        for (Map.Entry<String, Long> e : constants.entrySet()) {
            s.append("            case ").append(e.getValue().intValue()).append(":\n");
            s.append("                return ").append(e.getKey()).append(";\n");
        }
        s.append("            default:\n                return null;\n        }\n    }\n}\n");
        return s.toString();
    }
}
