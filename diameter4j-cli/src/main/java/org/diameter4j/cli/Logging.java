package org.diameter4j.cli;

import java.util.logging.Level;
import java.util.logging.Logger;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The library logs peer events; the tools report them themselves, so the log is quiet unless
 * --debug.
 */
final class Logging {
    private static final Logger ROOT = Logger.getLogger("org.diameter4j");

    private Logging() {}

    static void quiet(CommandSpec spec) {
        OptionSpec debug = spec.findOption("--debug");
        boolean on = debug != null && Boolean.TRUE.equals(debug.getValue());
        ROOT.setLevel(on ? Level.FINE : Level.SEVERE);
    }
}
