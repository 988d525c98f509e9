package org.diameter4j.cli.server;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import org.diameter4j.node.NodeConfigException;
import org.diameter4j.node.NodeConfigLoader;
import org.diameter4j.simulator.ocs.OcsConfig;
import org.junit.jupiter.api.AfterAll;

/**
 * Fuzzes the YAML/JSON files a user writes: the node file ({@link NodeConfigLoader}), the {@code
 * d4j server --config} file ({@link Simulators#readConfig} and its ocs, cdf and hss sections) and a
 * stand-alone OCS file ({@link OcsConfig#load}). Any text gives a configuration or an {@link
 * IllegalArgumentException} (for the node, a {@link NodeConfigException} listing its faults) whose
 * message names where the fault is. A {@link ClassCastException}, {@link NullPointerException}, a
 * SnakeYAML exception, a {@link NumberFormatException} that says only "For input string" or a
 * {@link StackOverflowError} reaching the user is a bug.
 */
class ConfigFuzzTest {
    private static final Path DIR = tempDir();
    private static final Path FILE = DIR.resolve("fuzz.yaml");

    @AfterAll
    static void clean() throws IOException {
        Files.deleteIfExists(FILE);
        Files.deleteIfExists(DIR);
    }

    @FuzzTest
    void node(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        try {
            NodeConfigLoader.parse(text, "fuzz.yaml", DIR);
        } catch (NodeConfigException e) {
            if (e.problems().isEmpty()) {
                throw new AssertionError("a configuration exception without faults", e);
            }
            for (String p : e.problems()) {
                if (!p.startsWith("fuzz.yaml")) {
                    throw new AssertionError("a fault that names no file: " + p, e);
                }
            }
        }
    }

    @FuzzTest
    void server(byte[] input) {
        write(input);
        Simulators.Config config;
        try {
            config = Simulators.readConfig(FILE);
        } catch (IllegalArgumentException e) {
            precise(e, FILE.toString());
            return;
        }
        if (config.section("ocs") != null && !Simulators.namesAFile(config.section("ocs"))) {
            try {
                Simulators.ocsConfig(config, DIR);
            } catch (IllegalArgumentException e) {
                precise(e, FILE.toString());
            }
        }
        try {
            Simulators.cdfConfig(config, DIR, new ArrayList<>());
        } catch (IllegalArgumentException e) {
            precise(e, FILE.toString());
        }
        if (config.section("hss") != null && !Simulators.namesAFile(config.section("hss"))) {
            try {
                Simulators.hss(config, DIR, new ArrayList<>()).close();
            } catch (IllegalArgumentException e) {
                precise(e, FILE.toString());
            }
        }
    }

    @FuzzTest
    void ocsFile(byte[] input) {
        write(input);
        try {
            OcsConfig.load(FILE);
        } catch (IllegalArgumentException e) {
            precise(e, FILE.toString());
        }
    }

    /**
     * A fault the user can act on: an IllegalArgumentException, or a {@link NodeConfigException}
     * whose every fault, says where (the file, and for the reader's faults its line and column).
     */
    private static void precise(IllegalArgumentException e, String where) {
        if (e.getClass() != IllegalArgumentException.class
                && e.getClass() != NodeConfigException.class) {
            throw new AssertionError("a " + e.getClass().getName() + " reached the user", e);
        }
        java.util.List<String> faults =
                e instanceof NodeConfigException n
                        ? n.problems()
                        : java.util.List.of(String.valueOf(e.getMessage()));
        if (faults.isEmpty()) {
            throw new AssertionError("a configuration exception without faults", e);
        }
        for (String f : faults) {
            if (!f.startsWith(where)) {
                throw new AssertionError(
                        "a fault that does not say where (" + where + "): " + f, e);
            }
        }
    }

    private static void write(byte[] input) {
        try {
            Files.write(FILE, input);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("d4j-config-fuzz");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
