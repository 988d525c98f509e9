package org.diameter4j.cli;

import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import org.diameter4j.cli.admin.AdminClient;
import org.diameter4j.cli.admin.AdminViews;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code d4j show peers | peer HOST | stats HOST [--clear] | routes | overload [--report PCT
 * --validity D [--realm] | --end] [--admin URL] [--json]}: seed 003's show commands, and DOIC's,
 * against a running {@code d4j node}, through its admin endpoint.
 */
@Command(
        name = "show",
        mixinStandardHelpOptions = true,
        description = {
            "Show a running node's peers, one peer, its statistics, or its routing table (seed 003).",
            "",
            "Examples:",
            "  d4j show peers",
            "  d4j show peer dra-1.realm-2.com",
            "  d4j show stats dra-1.realm-2.com --clear",
            "  d4j show routes --admin http://127.0.0.1:3869 --json",
            "  d4j show overload --report 50 --validity 60s"
        },
        subcommands = {
            ShowCommand.Peers.class,
            ShowCommand.PeerDetail.class,
            ShowCommand.Stats.class,
            ShowCommand.Routes.class,
            ShowCommand.Overload.class
        })
public final class ShowCommand implements Runnable {
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw UserError.usage(
                "say what to show: peers, peer HOST, stats HOST [--clear], routes or overload");
    }

    /** --admin and --json, on every show command. */
    static final class Common {
        @Option(
                names = "--admin",
                paramLabel = "URL",
                defaultValue = AdminClient.DEFAULT_URL,
                description = "The node's admin endpoint (default ${DEFAULT-VALUE}).")
        String admin;

        @Option(names = "--json", description = "Print the admin endpoint's JSON.")
        boolean json;

        @Option(
                names = "--timeout",
                paramLabel = "DURATION",
                defaultValue = "5s",
                description = "How long to wait for the node (default ${DEFAULT-VALUE}).")
        String timeout;

        AdminClient client() {
            try {
                return new AdminClient(admin, CliArgs.duration(timeout, "--timeout"));
            } catch (AdminClient.Failure f) {
                throw new UserError(f.exitCode(), f.getMessage());
            }
        }
    }

    abstract static class Base implements Callable<Integer> {
        @Mixin Common common;

        @Spec picocli.CommandLine.Model.CommandSpec spec;

        abstract String path();

        /** POST instead of GET: the body, or null. */
        String postBody() {
            return null;
        }

        abstract String render(Map<String, Object> json);

        /** The host named on the command line, for "unknown peer" messages. */
        String host() {
            return null;
        }

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            AdminClient c = common.client();
            AdminClient.Answer a;
            try {
                a = postBody() != null ? c.post(path(), postBody()) : c.get(path());
            } catch (AdminClient.Failure f) {
                throw new UserError(f.exitCode(), f.getMessage());
            }
            Map<String, Object> json;
            try {
                json = a.json();
            } catch (IllegalArgumentException e) {
                throw new UserError(
                        Main.CONNECT,
                        c.url()
                                + " answered HTTP "
                                + a.status()
                                + " without JSON: is it the admin endpoint of `d4j node`?");
            }
            if (a.status() == 404 && host() != null && json.containsKey("knownPeers")) {
                throw UserError.usage(
                        "unknown peer '"
                                + host()
                                + "': the node's peers are "
                                + String.join(", ", AdminClient.knownPeers(json)));
            }
            if (a.status() != 200) {
                throw new UserError(
                        a.status() == 400 || a.status() == 404 ? Main.USAGE : Main.FAILED,
                        "the node answered HTTP "
                                + a.status()
                                + ": "
                                + json.getOrDefault("error", a.body()));
            }
            out.print(common.json ? a.body() : render(json));
            out.flush();
            return Main.OK;
        }
    }

    @Command(name = "peers", mixinStandardHelpOptions = true, description = "The peers table.")
    static final class Peers extends Base {
        @Override
        String path() {
            return "/peers";
        }

        @Override
        String render(Map<String, Object> json) {
            return AdminViews.renderPeers(json);
        }
    }

    @Command(name = "peer", mixinStandardHelpOptions = true, description = "One peer in detail.")
    static final class PeerDetail extends Base {
        @Parameters(paramLabel = "HOST", description = "The peer's Diameter identity.")
        String host;

        @Override
        String host() {
            return host;
        }

        @Override
        String path() {
            return AdminClient.peerPath(host, "");
        }

        @Override
        String render(Map<String, Object> json) {
            return AdminViews.renderPeer(json);
        }
    }

    @Command(
            name = "stats",
            aliases = "statistics",
            mixinStandardHelpOptions = true,
            description = "A peer's message statistics; --clear clears them.")
    static final class Stats extends Base {
        @Parameters(paramLabel = "HOST", description = "The peer's Diameter identity.")
        String host;

        @Option(names = "--clear", description = "Clear the statistics (then show them).")
        boolean clear;

        @Override
        String host() {
            return host;
        }

        @Override
        String path() {
            return AdminClient.peerPath(host, clear ? "/stats/clear" : "/stats");
        }

        @Override
        String postBody() {
            return clear ? "{}" : null;
        }

        @Override
        String render(Map<String, Object> json) {
            return AdminViews.renderStatistics(json);
        }
    }

    @Command(
            name = "routes",
            aliases = "routing-table",
            mixinStandardHelpOptions = true,
            description = "The realm routing table.")
    static final class Routes extends Base {
        @Override
        String path() {
            return "/routes";
        }

        @Override
        String render(Map<String, Object> json) {
            return AdminViews.renderRoutes(json);
        }
    }

    @Command(
            name = "overload",
            mixinStandardHelpOptions = true,
            description = {
                "DOIC overload control (RFC 7683): the node's own report and the reports it obeys.",
                "--report PCT --validity D makes the node report overload in its answers (tests,"
                        + " drills); --end ends it."
            })
    static final class Overload extends Base {
        @Option(
                names = "--report",
                paramLabel = "PERCENT",
                description = "Report overload: ask reacting clients for PERCENT % less (0-100).")
        Integer report;

        @Option(
                names = "--validity",
                paramLabel = "DURATION",
                defaultValue = "30s",
                description = "How long the report lasts, 1s-24h (default ${DEFAULT-VALUE}).")
        String validity;

        @Option(names = "--realm", description = "A realm report instead of a host report.")
        boolean realm;

        @Option(names = "--end", description = "End the node's report (validity 0).")
        boolean end;

        @Override
        String path() {
            if (report != null && end) {
                throw UserError.usage("--report and --end exclude each other");
            }
            return report != null ? "/overload/report" : end ? "/overload/end" : "/overload";
        }

        @Override
        String postBody() {
            if (end) {
                return "{}";
            }
            if (report == null) {
                return null;
            }
            long secs = CliArgs.duration(validity, "--validity").toSeconds();
            return "{\"reductionPercent\": "
                    + report
                    + ", \"validitySeconds\": "
                    + secs
                    + ", \"type\": \""
                    + (realm ? "realm" : "host")
                    + "\"}";
        }

        @Override
        String render(Map<String, Object> json) {
            return AdminViews.renderOverload(json);
        }
    }
}
