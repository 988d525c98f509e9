package org.diameter4j.cli.server;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Map;
import org.diameter4j.node.NodeConfigException;
import org.diameter4j.node.NodeConfigLoader;
import org.diameter4j.simulator.hss.SubscriberStore;
import org.diameter4j.simulator.ocs.OcsConfig;
import org.junit.jupiter.api.AfterAll;
import org.yaml.snakeyaml.Yaml;

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
        Map<String, Object> config;
        try {
            config = Simulators.readConfig(FILE);
        } catch (IllegalArgumentException e) {
            precise(e, FILE.toString());
            return;
        }
        Object ocs = config.get("ocs");
        if (ocs != null && !(ocs instanceof String)) {
            try {
                // What Simulators.ocsConfig does, without its catch-all that would hide the cause.
                OcsConfig.parse(new Yaml().dump(ocs));
            } catch (IllegalArgumentException e) {
                precise(e, "config");
            }
        }
        try {
            Simulators.cdfConfig(config.get("cdf"), DIR, new ArrayList<>());
        } catch (IllegalArgumentException e) {
            precise(e, "cdf");
        }
        Object hss = config.get("hss");
        if (hss != null && !(hss instanceof String)) {
            try {
                SubscriberStore.inMemory(SubscriberStore.parse(hss, "hss"));
            } catch (IllegalArgumentException e) {
                precise(e, "hss");
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
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A fault the user can act on: a plain IllegalArgumentException that says where. */
    private static void precise(IllegalArgumentException e, String where) {
        if (e.getClass() != IllegalArgumentException.class) {
            throw new AssertionError("a " + e.getClass().getName() + " reached the user", e);
        }
        if (e.getMessage() == null || !e.getMessage().startsWith(where)) {
            throw new AssertionError("a fault that does not say where (" + where + ")", e);
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
