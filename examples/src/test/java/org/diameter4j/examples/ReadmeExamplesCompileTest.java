package org.diameter4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's library examples ("Using the library") compile as printed, as a module that requires
 * the library's modules — so only what they export is reachable: each block's imports are its
 * imports, its statements the body of a method. A variable the block uses without declaring ({@code
 * node}, {@code byteBuf}) is a parameter of that method.
 */
class ReadmeExamplesCompileTest {
    private static final Pattern JAVA_BLOCK = Pattern.compile("```java\n(.*?)```", Pattern.DOTALL);

    /** The README examples are a module of their own: what a user's application would require. */
    private static final String MODULE =
            "module readme {\n"
                    + "    requires org.diameter4j.node;\n"
                    + "    requires org.diameter4j.avps;\n"
                    + "    requires org.diameter4j.testkit;\n"
                    + "}\n";

    /** Names a README block may use from the text around it, with their types. */
    private static final String[][] CONTEXT = {
        {"node", "org.diameter4j.node.DiameterNode"}, {"byteBuf", "io.netty.buffer.ByteBuf"}
    };

    private static List<String> examples() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
        int from = readme.indexOf("## Using the library");
        assertThat(from).as("README has a 'Using the library' section").isPositive();
        int to = readme.indexOf("\n## ", from + 5);
        Matcher m = JAVA_BLOCK.matcher(readme.substring(from, to < 0 ? readme.length() : to));
        List<String> out = new ArrayList<>();
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    static String asClass(String name, String block) {
        StringBuilder imports = new StringBuilder();
        StringBuilder body = new StringBuilder();
        for (String line : block.split("\n", -1)) {
            if (body.length() == 0 && (line.startsWith("import ") || line.isBlank())) {
                imports.append(line).append('\n');
            } else {
                body.append("        ").append(line).append('\n');
            }
        }
        List<String> params = new ArrayList<>();
        for (String[] c : CONTEXT) {
            boolean used = Pattern.compile("\\b" + c[0] + "\\b").matcher(body).find();
            boolean declared = Pattern.compile("\\b" + c[0] + "\\s*=").matcher(body).find();
            if (used && !declared) {
                params.add(c[1] + " " + c[0]);
            }
        }
        return "package readme;\n\n"
                + imports
                + "\nclass "
                + name
                + " {\n    @SuppressWarnings(\"unused\")\n    void run("
                + String.join(", ", params)
                + ") throws Exception {\n"
                + body
                + "    }\n}\n";
    }

    /**
     * Issue 11: a user writes the client (the first block) and the server (the second) with imports
     * from at most two of diameter4j's packages.
     */
    @Test
    void theClientAndTheServerImportFromAtMostTwoOfOurPackages() throws IOException {
        List<String> blocks = examples();
        Pattern ours =
                Pattern.compile(
                        "^import (?:static )?(org\\.diameter4j(?:\\.\\w+)*?)\\.[A-Z]",
                        Pattern.MULTILINE);
        java.util.Set<String> packages = new java.util.TreeSet<>();
        for (String block : blocks.subList(0, 2)) {
            Matcher m = ours.matcher(block);
            while (m.find()) {
                packages.add(m.group(1));
            }
        }
        assertThat(packages)
                .as("diameter4j packages the README's client and server import")
                .hasSizeLessThanOrEqualTo(2)
                .isNotEmpty();
    }

    @Test
    void everyLibraryExampleOfTheReadmeCompiles(@TempDir Path out) throws IOException {
        List<String> blocks = examples();
        assertThat(blocks).as("java blocks in 'Using the library'").hasSizeGreaterThanOrEqualTo(4);
        List<JavaFileObject> sources = new ArrayList<>();
        for (int i = 0; i < blocks.size(); i++) {
            String name = "ReadmeExample" + (i + 1);
            String text = asClass(name, blocks.get(i));
            sources.add(
                    new SimpleJavaFileObject(
                            URI.create("string:///" + name + ".java"), JavaFileObject.Kind.SOURCE) {
                        @Override
                        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                            return text;
                        }
                    });
        }
        sources.add(
                new SimpleJavaFileObject(
                        URI.create("string:///module-info.java"), JavaFileObject.Kind.SOURCE) {
                    @Override
                    public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                        return MODULE;
                    }
                });
        String cp =
                System.getProperty(
                        "surefire.test.class.path", System.getProperty("java.class.path"));
        // Jars and diameter4j's module directories on the module path, the rest on the class path.
        List<String> modulePath = new ArrayList<>();
        List<String> classPath = new ArrayList<>();
        for (String e : cp.split(java.io.File.pathSeparator)) {
            boolean module = e.endsWith(".jar") || Files.exists(Path.of(e, "module-info.class"));
            (module ? modulePath : classPath).add(e);
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        StringWriter errors = new StringWriter();
        boolean ok =
                javac.getTask(
                                errors,
                                null,
                                null,
                                List.of(
                                        "--module-path",
                                        String.join(java.io.File.pathSeparator, modulePath),
                                        "-classpath",
                                        String.join(java.io.File.pathSeparator, classPath),
                                        "-d",
                                        out.toString(),
                                        "-proc:none"),
                                null,
                                sources)
                        .call();
        assertThat(ok).as("the README examples compile:\n" + errors).isTrue();
        assertThat(out.resolve("readme/ReadmeExample1.class").toFile()).exists();
    }

    @Test
    void anUndeclaredNameBecomesAParameterAndADeclaredOneDoesNot() {
        assertThat(asClass("A", "import x.Y;\n\nnode.close();\n"))
                .contains("import x.Y;")
                .contains("void run(org.diameter4j.node.DiameterNode node)");
        assertThat(asClass("B", "try (DiameterNode node = start()) {}\n")).contains("void run()");
    }
}
