package org.diameter4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Runs the real launcher, {@code bin/d4j}, as a user does from the repository root. Runs in the
 * {@code integration-test} phase (failsafe), after {@code package} has built {@code
 * target/d4j.jar}; the launcher must then start the jar at once rather than rebuild.
 */
class D4jLauncherIT {

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final Path LAUNCHER = ROOT.resolve("bin").resolve("d4j");
    static final Path JAR = ROOT.resolve("diameter4j-cli/target/d4j.jar");
    static final long TIMEOUT_SECONDS = 30;

    record Result(int exit, String out, String err) {}

    @BeforeAll
    static void theJarIsFresh() throws IOException {
        assertThat(LAUNCHER).as("the launcher").isExecutable();
        if (!Files.isRegularFile(JAR)) {
            fail(JAR + " does not exist: run `mvn package` (or `./mvnw verify`) first");
        }
        // bin/d4j rebuilds when any of these is newer than the jar; the test must not build.
        List<Path> newer = newerThanJar();
        if (!newer.isEmpty()) {
            fail(
                    "bin/d4j would rebuild the tool: "
                            + newer.size()
                            + " source file(s) are newer than "
                            + JAR
                            + ", e.g. "
                            + newer.get(0)
                            + ". Run this test after `package` (./mvnw verify).");
        }
    }

    /** The rule of bin/d4j's stale(): sources newer than the jar, outside target/ and .git/. */
    private static List<Path> newerThanJar() throws IOException {
        FileTime jarTime = Files.getLastModifiedTime(JAR);
        List<Path> found = new ArrayList<>();
        Files.walkFileTree(
                ROOT,
                new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                        String name = dir.getFileName() != null ? dir.getFileName().toString() : "";
                        return !dir.equals(ROOT) && (name.equals("target") || name.equals(".git"))
                                ? FileVisitResult.SKIP_SUBTREE
                                : FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                        String name = file.getFileName().toString();
                        boolean source =
                                name.endsWith(".java")
                                        || name.equals("pom.xml")
                                        || name.endsWith(".dict")
                                        || name.endsWith(".list")
                                        || name.endsWith(".properties");
                        if (source && attrs.lastModifiedTime().compareTo(jarTime) > 0) {
                            found.add(ROOT.relativize(file));
                        }
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFileFailed(Path file, IOException e) {
                        return FileVisitResult.CONTINUE;
                    }
                });
        return found;
    }

    /**
     * {@code bin/d4j args} to start in the repository root, with this JVM's {@code java} first on
     * the PATH (shared with the other process-level tests).
     */
    static ProcessBuilder launcher(String... args) {
        List<String> command = new ArrayList<>();
        command.add(LAUNCHER.toString());
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(ROOT.toFile());
        Path javaBin = Path.of(System.getProperty("java.home"), "bin");
        String path = pb.environment().getOrDefault("PATH", "/usr/bin:/bin");
        pb.environment().put("PATH", javaBin + java.io.File.pathSeparator + path);
        return pb;
    }

    /** Runs {@code bin/d4j args} in the repository root, bounded by {@link #TIMEOUT_SECONDS}. */
    static Result d4j(String... args) throws IOException, InterruptedException {
        ProcessBuilder pb = launcher(args);
        Path out = Files.createTempFile("d4j-it-out", ".txt");
        Path err = Files.createTempFile("d4j-it-err", ".txt");
        try {
            pb.redirectOutput(out.toFile()).redirectError(err.toFile());
            pb.redirectInput(ProcessBuilder.Redirect.from(nullDevice()));
            Process p = pb.start();
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                p.waitFor(5, TimeUnit.SECONDS);
                fail(
                        "bin/d4j "
                                + String.join(" ", args)
                                + " did not finish within "
                                + TIMEOUT_SECONDS
                                + " s (is it rebuilding?); stderr so far:\n"
                                + read(err));
            }
            return new Result(p.exitValue(), read(out), read(err));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    static java.io.File nullDevice() {
        return new java.io.File(
                System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
    }

    static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    @Timeout(60)
    void decodesTheSeed003Cer() throws Exception {
        Result r = d4j("decode", "--file", "examples/messages/seed003-cer.hex");

        assertThat(r.err()).as("stderr").doesNotContain("building").isEmpty();
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out())
                .startsWith("CER Capabilities-Exchange-Request\n")
                .containsSubsequence(
                        "    ver 1  len 284  flags R-------  code 257",
                        "    app-id 0 (Base)  hbh-id 19864  e2e-id 3486524428",
                        "    Origin-Host (264) -M------ [26]",
                        "      data [18] (DiameterIdentity) : bng-gx.realm-1.com",
                        "    Host-IP-Address (257) -M------ [26]",
                        "      data [18] (Address) : ipv6 2001:db8::2",
                        "      data [4] (Unsigned32) : 16777238 : Gx",
                        "    Vendor-Specific-Application-Id (260) -M------ [32]",
                        "          data [4] (Unsigned32) : 10415 : 3GPP",
                        "    Firmware-Revision (267) -------- [12]",
                        "      data [4] (Unsigned32) : 191001")
                .doesNotContain("FAULT");
    }

    @Test
    @Timeout(60)
    void aMalformedMessageExits1WithItsFault() throws Exception {
        // The seed 003 DWR with Origin-Host's AVP Length set to 5.
        Result r =
                d4j(
                        "decode",
                        "01000044 80000118 00000000 00004d99 cfd0240f 00000108 40000005"
                                + " 626e672d 67782e72 65616c6d 2d312e63 6f6d0000 00000128 40000013"
                                + " 7265616c 6d2d312e 636f6d00");

        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(1);
        assertThat(r.out())
                .containsSubsequence(
                        "FAULT: AVP 264: AVP Length 5 is shorter than the 8-byte AVP header",
                        "  Result code: 5014 DIAMETER_INVALID_AVP_LENGTH",
                        "  At byte: 20");
        assertThat(r.out() + r.err()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    @Timeout(60)
    void aUsageErrorExits2() throws Exception {
        Result r = d4j("decode", "--file", "examples/messages/no-such-file.hex");

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("no-such-file.hex").doesNotContain("Exception");
    }
}
