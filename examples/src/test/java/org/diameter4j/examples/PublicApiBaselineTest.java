package org.diameter4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The public API of each library module, checked against the baseline in {@code api/MODULE.txt}:
 * every public type with its public and protected members, as {@code toGenericString()} prints
 * them. A change that adds, removes or alters one fails {@code verify} with the difference; if the
 * change is intended, accept it with
 *
 * <pre>./mvnw -pl examples verify -Dtest=PublicApiBaselineTest -Dapi.update=true</pre>
 *
 * and commit the new baseline with the change, so that the review sees the API move.
 */
class PublicApiBaselineTest {
    private static final Path BASELINES = Path.of("..", "api");

    @ParameterizedTest
    @ValueSource(
            strings = {
                "diameter4j-codec",
                "diameter4j-dictionary",
                "diameter4j-avps",
                "diameter4j-transport",
                "diameter4j-peer",
                "diameter4j-node",
                "diameter4j-session",
                "diameter4j-simulator",
                "diameter4j-gy",
                "diameter4j-rf",
                "diameter4j-s6a",
                "diameter4j-testkit"
            })
    void thePublicApiIsTheBaseline(String module) throws Exception {
        List<String> api = publicApi(module);
        Path file = BASELINES.resolve(module + ".txt");
        if (Boolean.getBoolean("api.update")) {
            Files.createDirectories(BASELINES);
            Files.write(file, api, StandardCharsets.UTF_8);
            return;
        }
        assertThat(file)
                .as("no API baseline for " + module + "; write it with -Dapi.update=true")
                .exists();
        List<String> baseline = Files.readAllLines(file, StandardCharsets.UTF_8);
        Set<String> added = new LinkedHashSet<>(api);
        baseline.forEach(added::remove);
        Set<String> removed = new LinkedHashSet<>(baseline);
        api.forEach(removed::remove);
        assertThat(added.isEmpty() && removed.isEmpty())
                .as(
                        "the public API of %s changed (if intended: ./mvnw -pl examples verify"
                                + " -Dtest=PublicApiBaselineTest -Dapi.update=true, and commit"
                                + " api/%s.txt)%n  added:%n    %s%n  removed:%n    %s",
                        module,
                        module,
                        String.join("\n    ", added),
                        String.join("\n    ", removed))
                .isTrue();
    }

    /**
     * The module's public API: a header with the count of public types, then one line each — the
     * public types of the packages its module descriptor exports to everyone (a package exported
     * only to diameter4j's own modules, such as {@code org.diameter4j.peer.internal}, is not API).
     */
    static List<String> publicApi(String module) throws IOException, ClassNotFoundException {
        Path entry = classpathEntry(module);
        Set<String> exported = exportedPackages(entry);
        TreeSet<String> lines = new TreeSet<>();
        int types = 0;
        ClassLoader loader = PublicApiBaselineTest.class.getClassLoader();
        for (String name : classNames(entry)) {
            Class<?> c = Class.forName(name, false, loader);
            if (!isVisible(c) || !exported.contains(c.getPackageName())) {
                continue;
            }
            types++;
            String type = c.getName();
            lines.add(type + " : " + c.toGenericString());
            for (Field f : c.getDeclaredFields()) {
                if (visible(f) && !f.isSynthetic()) {
                    lines.add(type + " : " + f.toGenericString());
                }
            }
            for (Constructor<?> k : c.getDeclaredConstructors()) {
                if (visible(k) && !k.isSynthetic()) {
                    lines.add(type + " : " + k.toGenericString());
                }
            }
            for (Method m : c.getDeclaredMethods()) {
                if (visible(m) && !m.isSynthetic() && !m.isBridge()) {
                    lines.add(type + " : " + m.toGenericString());
                }
            }
        }
        List<String> out = new ArrayList<>(lines.size() + 1);
        out.add("# " + module + ": " + types + " public types");
        out.addAll(lines);
        return out;
    }

    /** The packages the module's descriptor exports without a {@code to} clause. */
    private static Set<String> exportedPackages(Path entry) throws IOException {
        ModuleDescriptor d;
        if (Files.isDirectory(entry)) {
            Path info = entry.resolve("module-info.class");
            assertThat(info).as("module-info.class in " + entry).exists();
            try (InputStream in = Files.newInputStream(info)) {
                d = ModuleDescriptor.read(in);
            }
        } else {
            try (JarFile jar = new JarFile(entry.toFile())) {
                JarEntry info = jar.getJarEntry("module-info.class");
                assertThat(info).as("module-info.class in " + entry).isNotNull();
                try (InputStream in = jar.getInputStream(info)) {
                    d = ModuleDescriptor.read(in);
                }
            }
        }
        Set<String> out = new TreeSet<>();
        for (ModuleDescriptor.Exports e : d.exports()) {
            if (!e.isQualified()) {
                out.add(e.source());
            }
        }
        return out;
    }

    private static boolean visible(Member m) {
        return (m.getModifiers() & (Modifier.PUBLIC | Modifier.PROTECTED)) != 0;
    }

    /** Public, and every enclosing type public too. */
    private static boolean isVisible(Class<?> c) {
        for (Class<?> k = c; k != null; k = k.getEnclosingClass()) {
            if (!Modifier.isPublic(k.getModifiers()) || k.isAnonymousClass() || k.isLocalClass()) {
                return false;
            }
        }
        return true;
    }

    /**
     * The module's classes on the test classpath: its target/classes in a reactor, else its jar.
     */
    private static Path classpathEntry(String module) {
        String cp =
                System.getProperty(
                        "surefire.test.class.path", System.getProperty("java.class.path"));
        for (String e : cp.split(File.pathSeparator)) {
            String n = e.replace('\\', '/');
            if (n.contains("/" + module + "/target/classes")
                    || n.matches(".*/" + module + "-[^/]*\\.jar")) {
                return Path.of(e);
            }
        }
        throw new AssertionError(module + " is not on the test classpath of diameter4j-examples");
    }

    private static List<String> classNames(Path entry) throws IOException {
        List<String> names = new ArrayList<>();
        if (Files.isDirectory(entry)) {
            try (Stream<Path> s = Files.walk(entry)) {
                s.filter(p -> p.toString().endsWith(".class"))
                        .map(p -> entry.relativize(p).toString().replace(File.separatorChar, '.'))
                        .forEach(n -> names.add(n.substring(0, n.length() - 6)));
            }
        } else {
            try (JarFile jar = new JarFile(entry.toFile())) {
                for (Enumeration<JarEntry> en = jar.entries(); en.hasMoreElements(); ) {
                    String n = en.nextElement().getName();
                    if (n.endsWith(".class")) {
                        names.add(n.substring(0, n.length() - 6).replace('/', '.'));
                    }
                }
            }
        }
        names.removeIf(n -> n.endsWith("package-info") || n.endsWith("module-info"));
        names.sort(null);
        return names;
    }
}
