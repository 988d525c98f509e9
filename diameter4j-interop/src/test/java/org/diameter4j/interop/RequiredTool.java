package org.diameter4j.interop;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * An external program an interop test needs (an independent Diameter implementation or a
 * dissector). On a developer's machine a missing tool skips the test with the command that installs
 * it; under CI ({@code CI} set, as {@code .ci/run} runs) it fails the test, so a green CI always
 * means the independent peer really ran.
 */
final class RequiredTool {
    private RequiredTool() {}

    /** The executable {@code name} on the PATH, or skip/fail with {@code install} as the hint. */
    static Path require(String name, String install) {
        Optional<Path> p = find(name);
        if (p.isEmpty()) {
            String why = name + " is not installed (" + install + "); CI installs it (.ci/run)";
            if (System.getenv("CI") != null) {
                fail(why);
            }
            assumeTrue(false, why + ": test skipped");
        }
        return p.get();
    }

    static Optional<Path> find(String name) {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        for (String d : path.split(File.pathSeparator)) {
            Path p = Path.of(d.isEmpty() ? "." : d, name);
            if (Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
