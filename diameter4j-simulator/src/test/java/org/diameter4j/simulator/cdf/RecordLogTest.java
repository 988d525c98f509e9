package org.diameter4j.simulator.cdf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.diameter4j.simulator.cdf.RecordLog.Key;
import org.diameter4j.simulator.cdf.RecordLog.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The record file on its own: recovery, the duplicate index across restarts, its bound. */
@Timeout(30)
class RecordLogTest {
    @TempDir Path dir;

    static byte[] line(String sid, long n) {
        return ("{\"Session-Id\":\"" + sid + "\",\"Accounting-Record-Number\":" + n + "}")
                .getBytes(StandardCharsets.UTF_8);
    }

    static RecordLog open(Path file, int max) {
        return RecordLog.open(file, FsyncPolicy.ALWAYS, 1000, max, 1024);
    }

    @Test
    void duplicateIndexSurvivesARestart() throws Exception {
        Path file = dir.resolve("r.jsonl");
        try (RecordLog log = open(file, 100)) {
            assertThat(log.append(new Key("a", 0), line("a", 0)).get(5, TimeUnit.SECONDS))
                    .isEqualTo(Outcome.WRITTEN);
            assertThat(log.append(new Key("a", 1), line("a", 1)).get(5, TimeUnit.SECONDS))
                    .isEqualTo(Outcome.WRITTEN);
        }
        try (RecordLog log = open(file, 100)) {
            assertThat(log.stats().recovered()).isEqualTo(2);
            assertThat(log.append(new Key("a", 1), line("a", 1)).get(5, TimeUnit.SECONDS))
                    .isEqualTo(Outcome.DUPLICATE);
            assertThat(log.append(new Key("a", 2), line("a", 2)).get(5, TimeUnit.SECONDS))
                    .isEqualTo(Outcome.WRITTEN);
        }
        assertThat(Files.readAllLines(file)).hasSize(3);
    }

    @Test
    void aPartialLastLineIsCutOffAtStart() throws Exception {
        Path file = dir.resolve("cut.jsonl");
        String partial = "{\"Session-Id\":\"a\",\"Accounting-Rec";
        Files.write(
                file,
                (new String(line("a", 0), StandardCharsets.UTF_8) + "\n" + partial)
                        .getBytes(StandardCharsets.UTF_8));
        long before = Files.size(file);
        try (RecordLog log = open(file, 100)) {
            assertThat(log.stats().truncatedBytes()).isEqualTo(partial.length());
            assertThat(Files.size(file)).isEqualTo(before - partial.length());
            assertThat(log.append(new Key("a", 1), line("a", 1)).get(5, TimeUnit.SECONDS))
                    .isEqualTo(Outcome.WRITTEN);
        }
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(2);
        for (String l : lines) {
            assertThat(RecordLog.keyOf(l)).isNotNull();
        }
    }

    @Test
    void unreadableCompleteLinesAreKeptAndCounted() throws Exception {
        Path file = dir.resolve("bad.jsonl");
        Files.write(
                file,
                ("not json\n" + new String(line("b", 0), StandardCharsets.UTF_8) + "\n\n")
                        .getBytes(StandardCharsets.UTF_8));
        try (RecordLog log = open(file, 100)) {
            assertThat(log.stats().unreadableLines()).isEqualTo(1);
            assertThat(log.stats().recovered()).isEqualTo(1);
            assertThat(log.stats().truncatedBytes()).isZero();
            assertThat(log.append(new Key("b", 0), line("b", 0)).get(5, TimeUnit.SECONDS))
                    .isEqualTo(Outcome.DUPLICATE);
        }
        assertThat(Files.readString(file)).startsWith("not json\n");
    }

    @Test
    void theIndexIsBoundedLeastRecentlyUsedFirst() throws Exception {
        Path file = dir.resolve("lru.jsonl");
        try (RecordLog log = open(file, 2)) {
            log.append(new Key("k", 1), line("k", 1)).get(5, TimeUnit.SECONDS);
            log.append(new Key("k", 2), line("k", 2)).get(5, TimeUnit.SECONDS);
            assertThat(log.append(new Key("k", 1), line("k", 1)).get(5, TimeUnit.SECONDS))
                    .isEqualTo(Outcome.DUPLICATE);
            log.append(new Key("k", 3), line("k", 3))
                    .get(5, TimeUnit.SECONDS); // evicts k/2, the least recent
            assertThat(log.stats().indexSize()).isEqualTo(2);
            assertThat(log.append(new Key("k", 1), line("k", 1)).get(5, TimeUnit.SECONDS))
                    .isEqualTo(Outcome.DUPLICATE);
            assertThat(log.append(new Key("k", 2), line("k", 2)).get(5, TimeUnit.SECONDS))
                    .as("outside the window: written again")
                    .isEqualTo(Outcome.WRITTEN);
        }
        // At restart the index keeps the last entries of the file.
        try (RecordLog log = open(file, 2)) {
            assertThat(log.stats().indexSize()).isEqualTo(2);
            assertThat(log.append(new Key("k", 2), line("k", 2)).get(5, TimeUnit.SECONDS))
                    .isEqualTo(Outcome.DUPLICATE);
        }
    }

    @Test
    void copiesInOneBatchAreWrittenOnce() throws Exception {
        Path file = dir.resolve("batch.jsonl");
        try (RecordLog log = RecordLog.open(file, FsyncPolicy.NEVER, 0, 1000, 10_000)) {
            var fs = new java.util.ArrayList<java.util.concurrent.CompletableFuture<Outcome>>();
            for (int i = 0; i < 1000; i++) {
                fs.add(log.append(new Key("s", i % 100), line("s", i % 100)));
            }
            long written = 0;
            for (var f : fs) {
                if (f.get(5, TimeUnit.SECONDS) == Outcome.WRITTEN) {
                    written++;
                }
            }
            assertThat(written).isEqualTo(100);
        }
        assertThat(Files.readAllLines(file)).hasSize(100).doesNotHaveDuplicates();
    }

    @Test
    void appendsAfterCloseFailAndLinesMayNotBreak() throws Exception {
        Path file = dir.resolve("closed.jsonl");
        RecordLog log = open(file, 10);
        assertThatThrownBy(
                        () ->
                                log.append(new Key("x", 0), "a\nb".getBytes(StandardCharsets.UTF_8))
                                        .get())
                .isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(IllegalArgumentException.class);
        log.close();
        assertThatThrownBy(() -> log.append(new Key("x", 0), line("x", 0)).get(5, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(RejectedExecutionException.class);
        Files.writeString(file, "", StandardOpenOption.APPEND);
    }
}
