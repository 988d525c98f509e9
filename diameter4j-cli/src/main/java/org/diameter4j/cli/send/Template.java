package org.diameter4j.cli.send;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.diameter4j.cli.UserError;
import org.diameter4j.codec.DiameterMessage;
import org.diameter4j.dictionary.CommandDefinition;
import org.diameter4j.dictionary.Dictionary;
import org.diameter4j.node.NodeConfigException;
import org.diameter4j.node.yaml.YamlReader;
import org.diameter4j.peer.ApplicationId;

/**
 * A message template: a shipped KIND ({@code ccr-event}, {@code ccr-session} …) or a user's
 * YAML/JSON file. Format: {@code command} (CCR or long name), {@code application} (id or name),
 * {@code avps} (AVP name → value; maps for Grouped; lists for repeats) and, for a session, {@code
 * steps} (each with {@code avps} merged over the common ones, optional {@code command} and {@code
 * repeat}). Values may hold variables: {@code ${session-id} ${origin-host} ${origin-realm}
 * ${dest-realm} ${dest-host} ${request-number} ${msisdn} ${imsi} ${n} ${now}}.
 *
 * <p>Compiled once: AVPs without variables are built at load time and shared by every message;
 * faults name the file, the line and the AVP path, as a usage error (exit 2). {@link #parse} reads
 * the YAML text, {@link TemplateParser} its structure, {@link AvpCompiler} the AVPs (into {@link
 * AvpPart}s), {@link Placeholders} the variables in values.
 */
public final class Template {
    /** The KINDs shipped as resources. */
    public static final List<String> KINDS =
            List.of("ccr-event", "ccr-session", "acr-session", "ulr", "air", "dwr");

    private final String name;
    private final long applicationId;
    private final ApplicationId advertised;
    private final List<Step> steps;

    Template(String name, long applicationId, ApplicationId advertised, List<Step> steps) {
        this.name = name;
        this.applicationId = applicationId;
        this.advertised = advertised;
        this.steps = steps;
    }

    /** The template's name: the KIND or the file name. */
    public String name() {
        return name;
    }

    public long applicationId() {
        return applicationId;
    }

    /** The application to advertise in the CER, or null for base messages (DWR). */
    public ApplicationId advertised() {
        return advertised;
    }

    /** The messages of one session, in order (repeats expanded). */
    public List<Step> steps() {
        return steps;
    }

    /** The values of the variables for one message. */
    public record Vars(
            String sessionId,
            String originHost,
            String originRealm,
            String destRealm,
            String destHost,
            long requestNumber,
            String msisdn,
            String imsi,
            long n) {
        String get(String var) {
            return switch (var) {
                case "session-id" -> sessionId;
                case "origin-host" -> originHost;
                case "origin-realm" -> originRealm;
                case "dest-realm" -> destRealm != null ? destRealm : "";
                case "dest-host" -> destHost != null ? destHost : "";
                case "request-number" -> Long.toString(requestNumber);
                case "msisdn" -> msisdn;
                case "imsi" -> imsi;
                case "n" -> Long.toString(n);
                case "now" ->
                        Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
                default -> throw new IllegalArgumentException("unknown variable ${" + var + "}");
            };
        }

        /**
         * The value of {@code var} for an AVP of {@code type}: a number or an instant where the AVP
         * takes one, so that no text is formatted and parsed back per message (issue 10: the load
         * generator spent more on that than the server on its answer); else the text.
         */
        Object typed(String var, org.diameter4j.codec.DataType type) {
            if (type != null && type.isInteger()) {
                if (var.equals("request-number")) {
                    return requestNumber;
                }
                if (var.equals("n")) {
                    return n;
                }
            }
            if (type == org.diameter4j.codec.DataType.TIME && var.equals("now")) {
                return Instant.ofEpochSecond(System.currentTimeMillis() / 1000);
            }
            return get(var);
        }

        static Vars sample() {
            return new Vars(
                    "client.example.com;1;1",
                    "client.example.com",
                    "example.com",
                    "example.net",
                    "peer.example.net",
                    0,
                    "41780000001",
                    "001010000000001",
                    1);
        }
    }

    /** One message of a session. */
    public static final class Step {
        private final CommandDefinition command;
        private final long applicationId;
        private final List<AvpPart> avps;
        private final String where;

        Step(CommandDefinition command, long applicationId, List<AvpPart> avps, String where) {
            this.command = command;
            this.applicationId = applicationId;
            this.avps = avps;
            this.where = where;
        }

        public String commandName() {
            return command.abbreviation();
        }

        public int commandCode() {
            return command.code();
        }

        /** A new request with the template's AVPs, variables replaced. */
        public DiameterMessage build(Vars vars) {
            DiameterMessage m =
                    DiameterMessage.request(command.code(), applicationId, command.proxiable());
            for (AvpPart p : avps) {
                p.addTo(m.avps(), vars);
            }
            return m;
        }

        String where() {
            return where;
        }
    }

    // ---- loading ----------------------------------------------------------------------------

    /** A KIND or a file; throws {@link UserError} (exit 2) naming file, line and AVP path. */
    public static Template load(String kindOrFile, Dictionary dict) {
        String kind = kindOrFile.trim().toLowerCase(Locale.ROOT);
        if (KINDS.contains(kind)) {
            String res = "templates/" + kind + ".yaml";
            try (InputStream in =
                    Template.class.getResourceAsStream("/org/diameter4j/cli/" + res)) {
                if (in == null) {
                    throw new IllegalStateException("missing resource " + res);
                }
                return parse(
                        kind + ".yaml",
                        kind,
                        new InputStreamReader(in, StandardCharsets.UTF_8),
                        dict);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        Path p = Path.of(kindOrFile);
        if (!Files.isRegularFile(p)) {
            throw UserError.usage(
                    "--send "
                            + kindOrFile
                            + ": neither a KIND ("
                            + String.join(", ", KINDS)
                            + ") nor a readable template file");
        }
        try (Reader r = Files.newBufferedReader(p, StandardCharsets.UTF_8)) {
            return parse(p.toString(), p.getFileName().toString(), r, dict);
        } catch (IOException e) {
            throw UserError.usage("cannot read template " + p + ": " + e.getMessage());
        }
    }

    // ---- YAML loading: the one place that reads YAML text; the rest walks its nodes ----------

    /** The template in {@code reader}; a YAML syntax error names the file and the line. */
    static Template parse(String file, String name, Reader reader, Dictionary dict) {
        YamlReader yaml;
        try {
            yaml = YamlReader.parse(reader, file);
        } catch (NodeConfigException e) {
            throw UserError.usage(e.getMessage());
        }
        return new TemplateParser(yaml, dict).template(name, yaml.root());
    }
}
