package org.diameter4j.cli;

import java.io.PrintWriter;
import java.util.function.Consumer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code d4j}: the diameter4j command line. Exit codes are a contract (see the README): 0 success,
 * 1 a Diameter-level failure or malformed input, 2 usage or configuration error, 3 cannot connect
 * or capabilities exchange failed, 4 timeout.
 */
@Command(
        name = "d4j",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "diameter4j: Diameter (RFC 6733) toolkit.",
        subcommands = {
            DecodeCommand.class,
            ProbeCommand.class,
            ClientCommand.class,
            BenchCommand.class,
            ServerCommand.class,
            DemoCommand.class,
            NodeCommand.class,
            ShowCommand.class,
            CommandLine.HelpCommand.class
        })
public final class Main implements Runnable {
    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;
    public static final int CONNECT = 3;
    public static final int TIMEOUT = 4;

    @Option(
            names = "--debug",
            description = "Show stack traces of internal errors.",
            scope = CommandLine.ScopeType.INHERIT)
    boolean debug;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        // One line per log record: time, level, message.
        System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tT %4$s %5$s%6$s%n");
        System.exit(
                run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs {@code d4j args} with the given streams; returns the exit code. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        return run(args, out, err, started -> {});
    }

    /**
     * Runs {@code d4j args}; a long-running command calls {@code onStarted} once it is ready (no
     * static state: several run side by side in one JVM).
     */
    static int run(String[] args, PrintWriter out, PrintWriter err, Consumer<Started> onStarted) {
        Main main = new Main();
        CommandLine cl = new CommandLine(main);
        ((ServerCommand) cl.getSubcommands().get("server").getCommand()).onStarted = onStarted;
        ((NodeCommand) cl.getSubcommands().get("node").getCommand()).onStarted = onStarted;
        cl.setOut(out);
        cl.setErr(err);
        cl.setExitCodeExceptionMapper(e -> USAGE);
        cl.setParameterExceptionHandler(
                (ex, a) -> {
                    err.println("d4j: " + ex.getMessage());
                    err.println(
                            "Try 'd4j "
                                    + commandPath(ex.getCommandLine())
                                    + "--help' for the options.");
                    return USAGE;
                });
        cl.setExecutionExceptionHandler(
                (ex, c, parsed) -> {
                    if (ex instanceof UserError u) {
                        err.println("d4j: " + u.getMessage());
                        return u.exitCode();
                    }
                    err.println("d4j: internal error: " + ex);
                    if (main.debug) {
                        ex.printStackTrace(err);
                    } else {
                        err.println("Run again with --debug for the stack trace, and report it.");
                    }
                    return FAILED;
                });
        return cl.execute(args);
    }

    private static String commandPath(CommandLine c) {
        StringBuilder sb = new StringBuilder();
        for (CommandLine p = c; p != null && p.getParent() != null; p = p.getParent()) {
            sb.insert(0, p.getCommandName() + " ");
        }
        return sb.toString();
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"d4j " + (v != null ? v : "development build")};
        }
    }
}
