package org.diameter4j.node.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.diameter4j.node.NodeConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.nodes.Node;

class YamlReaderTest {
    enum Fsync {
        ALWAYS,
        INTERVAL,
        NEVER
    }

    private static final List<String> KEYS = List.of("octets", "seconds", "units");

    @Test
    void aSyntaxErrorIsThrownAtOnceWithLineAndColumn() {
        assertThatThrownBy(() -> YamlReader.parse("a: [1, 2\nb: 3\n", "x.yaml"))
                .isInstanceOf(NodeConfigException.class)
                .hasMessageStartingWith("x.yaml:2:2: YAML syntax: ")
                .hasMessageContaining("— check the indentation, the quotes and the brackets");
    }

    @Test
    void anUnknownKeyNamesItsPositionTheNearMissAndTheAllowedKeys() {
        YamlReader y = YamlReader.parse("balance:\n  octet: 5\n  units: 1\n", "ocs.yaml");
        Map<String, Node> top = y.mapping(y.root(), "", List.of("balance"));
        Map<String, Node> b = y.mapping(top.get("balance"), "balance", KEYS);

        assertThat(b).containsOnlyKeys("units");
        assertThat(y.problems())
                .containsExactly(
                        "ocs.yaml:2:3: balance: unknown key 'octet' (did you mean 'octets'?)"
                                + " — allowed keys: octets, seconds, units");
    }

    @Test
    void aKeyFarFromEveryAllowedOneGetsTheListOnly() {
        YamlReader y = YamlReader.parse("{frobnicate: 1}", "f.json");
        y.mapping(y.root(), "", KEYS);
        assertThat(y.problems())
                .containsExactly(
                        "f.json:1:2: frobnicate: unknown key 'frobnicate' — allowed keys: octets,"
                                + " seconds, units");
    }

    @Test
    void aRepeatedKeyNamesTheFirstLine() {
        YamlReader y = YamlReader.parse("units: 1\nunits: 2\n", "d.yaml");
        assertThat(y.mapping(y.root(), "", KEYS)).containsOnlyKeys("units");
        assertThat(y.problems())
                .containsExactly("d.yaml:2:1: units: given twice (first at line 1)");
    }

    @Test
    void aMissingRequiredKeyIsReportedAtItsParentWithTheFix() {
        YamlReader y = YamlReader.parse("subscribers:\n  - k: \"00\"\n", "hss.yaml");
        Map<String, Node> top = y.mapping(y.root(), "", List.of("subscribers"));
        Node first = y.list(top.get("subscribers"), "subscribers").get(0);
        Map<String, Node> s = y.mapping(first, "subscribers[0]", List.of("imsi", "k"));

        assertThat(y.required(s, "imsi", first, "subscribers[0]", "add imsi: \"001010000000001\""))
                .isNull();
        assertThat(y.problems())
                .containsExactly(
                        "hss.yaml:2:5: subscribers[0].imsi: the required key 'imsi' is missing"
                                + " — add imsi: \"001010000000001\"");
    }

    @Test
    void wrongTypesNameWhatWasFound() {
        YamlReader y =
                YamlReader.parse(
                        "n: many\nlimit: 70000\nb: perhaps\nm: [1]\nt: {a: 1}\n", "t.yaml");
        Map<String, Node> m = y.mapping(y.root(), "", null);

        assertThat(y.number(m.get("n"), "n", 0, 10)).isNull();
        assertThat(y.number(m.get("limit"), "limit", 1, 65535)).isNull();
        assertThat(y.bool(m.get("b"), "b")).isNull();
        assertThat(y.mapping(m.get("m"), "m", KEYS)).isNull();
        assertThat(y.string(m.get("t"), "t")).isNull();
        assertThat(y.problems())
                .containsExactly(
                        "t.yaml:1:4: n: expected a number, got \"many\"",
                        "t.yaml:2:8: limit: expected a number from 1 to 65535, got 70000",
                        "t.yaml:3:4: b: expected true or false, got \"perhaps\"",
                        "t.yaml:4:4: m: expected a mapping (key: value lines), got a list",
                        "t.yaml:5:4: t: expected a text value, got a mapping");
    }

    @Test
    void goodValuesAreTyped() {
        YamlReader y =
                YamlReader.parse(
                        "n: 100_000\nb: yes\nd: 1.5s\nf: interval\nl: one\nnothing:\n", "g.yaml");
        Map<String, Node> m = y.mapping(y.root(), "", null);

        assertThat(y.number(m.get("n"), "n", 0, Long.MAX_VALUE)).isEqualTo(100_000L);
        assertThat(y.bool(m.get("b"), "b")).isTrue();
        assertThat(y.duration(m.get("d"), "d")).isEqualTo(Duration.ofMillis(1500));
        assertThat(y.choice(m.get("f"), "f", Fsync.class)).isEqualTo(Fsync.INTERVAL);
        assertThat(y.list(m.get("l"), "l")).hasSize(1); // one item without brackets
        assertThat(y.list(m.get("nothing"), "nothing")).isEmpty();
        assertThat(y.number(m.get("absent"), "absent", 0, 1)).isNull();
        assertThat(y.problems()).isEmpty();
        y.check(); // nothing to throw
    }

    @Test
    void aBadDurationUsesTheOneDurationGrammar() {
        YamlReader y = YamlReader.parse("tcc: 20\n", "ocs.yaml");
        Map<String, Node> m = y.mapping(y.root(), "", List.of("tcc"));
        assertThat(y.duration(m.get("tcc"), "tcc")).isNull();
        assertThat(y.problems())
                .containsExactly(
                        "ocs.yaml:1:6: tcc: '20' is not a duration: write a number and its unit,"
                                + " 500ms, 10s, 1.5s, 2m or 1h (a bare number has no unit)");
    }

    @Test
    void aBadChoiceListsTheChoices() {
        YamlReader y = YamlReader.parse("fsync: sometimes\n", "s.yaml");
        Map<String, Node> m = y.mapping(y.root(), "", List.of("fsync"));
        assertThat(y.choice(m.get("fsync"), "cdf.fsync", Fsync.class)).isNull();
        assertThat(y.problems())
                .containsExactly(
                        "s.yaml:1:8: cdf.fsync: expected one of always, interval, never, got"
                                + " \"sometimes\"");
    }

    @Test
    void checkThrowsEveryFaultAtOnceInFileOrder() {
        YamlReader y = YamlReader.parse("octets: x\nunits: y\n", "two.yaml");
        Map<String, Node> m = y.mapping(y.root(), "", KEYS);
        y.number(m.get("octets"), "octets", 0, 10);
        y.number(m.get("units"), "units", 0, 10);

        assertThatThrownBy(y::check)
                .isInstanceOfSatisfying(
                        NodeConfigException.class,
                        e ->
                                assertThat(e.problems())
                                        .containsExactly(
                                                "two.yaml:1:9: octets: expected a number, got \"x\"",
                                                "two.yaml:2:8: units: expected a number, got \"y\""));
    }

    @Test
    void unquotedDigitsAreTellApartFromQuotedOnes() {
        YamlReader y = YamlReader.parse("a: 001010\nb: \"001010\"\nc: abc\n", "q.yaml");
        Map<String, Node> m = y.mapping(y.root(), "", null);
        assertThat(YamlReader.isPlainNumber(m.get("a"))).isTrue();
        assertThat(YamlReader.isPlainNumber(m.get("b"))).isFalse();
        assertThat(YamlReader.isPlainNumber(m.get("c"))).isFalse();
    }

    @Test
    void aFileIsNamedAsGivenAndAMissingOneSaysSo(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("ocs.yaml");
        Files.writeString(f, "units: lots\n");
        YamlReader y = YamlReader.read(f);
        y.number(y.mapping(y.root(), "", KEYS).get("units"), "units", 0, 10);
        assertThat(y.problems())
                .containsExactly(f + ":1:8: units: expected a number, got \"lots\"");

        assertThatThrownBy(() -> YamlReader.read(dir.resolve("nope.yaml")))
                .isInstanceOf(NodeConfigException.class)
                .hasMessage(
                        dir.resolve("nope.yaml")
                                + ": cannot read the file: no such file — check the path"
                                + " (relative paths start at the folder of the file that names"
                                + " them)");
    }

    @Test
    void anEmptyDocumentHasNoRoot() {
        assertThat(YamlReader.parse("", "e.yaml").root()).isNull();
        assertThat(YamlReader.parse("# only a comment\n", "e.yaml").root()).isNull();
    }
}
