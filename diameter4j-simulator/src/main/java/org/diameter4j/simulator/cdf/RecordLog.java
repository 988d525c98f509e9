package org.diameter4j.simulator.cdf;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The CDF's record file: one JSON line per accounting record, appended by a single writer thread,
 * with duplicate detection by (Session-Id, Accounting-Record-Number).
 *
 * <p><b>Threads.</b> {@link #append} never blocks: it offers the line to a bounded queue and
 * returns a future (a full queue or a closed log fails the future at once). The writer thread takes
 * what is queued as one batch, drops duplicates, writes the new lines with one {@code write},
 * forces the file per the {@link FsyncPolicy} and only then completes the futures. Since one thread
 * decides about duplicates, two copies of a record arriving from different peers at the same time
 * (the original and its T-flagged retransmission, in either order) are written once.
 *
 * <p><b>Duplicate index.</b> The keys of the last {@code maxIndexEntries} records (LRU: a duplicate
 * refreshes its key). Rebuilt at {@link #open} by reading the file, so it survives a restart. A
 * copy of a record older than the window is written again: size the window for the longest
 * retransmission delay you expect.
 *
 * <p><b>Recovery.</b> At open, bytes after the last newline are the part of a line whose write was
 * cut short (process killed, machine crash): that record was never acknowledged under {@link
 * FsyncPolicy#ALWAYS}, so the tail is cut off the file (logged once) and the client's
 * retransmission is written afresh. A complete line that is not valid JSON is kept but not indexed
 * (logged once with a count). When a write fails, the file is cut back to where the batch started
 * and every record of the batch is failed (the CDF answers 4002 DIAMETER_OUT_OF_SPACE), so the file
 * never holds a record that was not acknowledged as written — except a line left by a crash, as
 * above.
 */
public final class RecordLog implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger("org.diameter4j.simulator.cdf");
    private static final int MAX_BATCH = 4096;

    /** What became of an appended record. */
    public enum Outcome {
        /** Written (and forced, under {@link FsyncPolicy#ALWAYS}). */
        WRITTEN,
        /** Its key was already in the file: not written again. */
        DUPLICATE
    }

    /** A record's identity: RFC 6733 §9.8.3 Session-Id plus Accounting-Record-Number. */
    public record Key(String sessionId, long recordNumber) {}

    /** Counters, read at any time. */
    public record Stats(
            long written,
            long duplicates,
            long failed,
            long fsyncs,
            long recovered,
            long truncatedBytes,
            long unreadableLines,
            int indexSize) {}

    private final Path file;
    private final FileChannel channel;
    private final FsyncPolicy policy;
    private final long fsyncIntervalMillis;
    private final BlockingQueue<Entry> queue;
    private final LinkedHashMap<Key, Boolean> index;
    private final Thread writer;
    private final Object appendLock = new Object();
    private volatile boolean closed;
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong fsyncs = new AtomicLong();
    private volatile int indexSize;
    private volatile long recovered;
    private volatile long truncatedBytes;
    private volatile long unreadableLines;
    private long position;
    private boolean dirty;
    private long lastSyncNanos = System.nanoTime();

    private record Entry(Key key, byte[] line, CompletableFuture<Outcome> future) {}

    private RecordLog(
            Path file,
            FileChannel channel,
            FsyncPolicy policy,
            long fsyncIntervalMillis,
            int maxIndexEntries,
            int queueCapacity) {
        this.file = file;
        this.channel = channel;
        this.policy = policy;
        this.fsyncIntervalMillis = fsyncIntervalMillis;
        this.queue = new ArrayBlockingQueue<>(queueCapacity);
        this.index =
                new LinkedHashMap<>(16, 0.75f, true) {
                    @Override
                    protected boolean removeEldestEntry(Map.Entry<Key, Boolean> eldest) {
                        return size() > maxIndexEntries;
                    }
                };
        this.writer = new Thread(this::run, "cdf-writer " + file.getFileName());
        this.writer.setDaemon(true);
    }

    /**
     * Opens (creating when absent) the record file, recovers it (cuts a partial last line, rebuilds
     * the duplicate index) and starts the writer thread.
     *
     * @param fsyncIntervalMillis for {@link FsyncPolicy#INTERVAL}: how often the file is forced
     * @param maxIndexEntries how many record keys the duplicate index keeps (LRU)
     * @param queueCapacity how many records may wait for the writer; beyond that appends fail
     */
    public static RecordLog open(
            Path file,
            FsyncPolicy policy,
            long fsyncIntervalMillis,
            int maxIndexEntries,
            int queueCapacity) {
        if (maxIndexEntries < 1 || queueCapacity < 1) {
            throw new IllegalArgumentException(
                    "maxIndexEntries and queueCapacity must be at least 1");
        }
        if (policy == FsyncPolicy.INTERVAL && fsyncIntervalMillis < 1) {
            throw new IllegalArgumentException("fsync interval must be at least 1 ms");
        }
        FileChannel ch = null;
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            boolean created = !Files.exists(file);
            ch =
                    FileChannel.open(
                            file,
                            StandardOpenOption.CREATE,
                            StandardOpenOption.READ,
                            StandardOpenOption.WRITE);
            if (created) {
                ch.force(true);
                forceDirectory(parent);
            }
            RecordLog log =
                    new RecordLog(
                            file, ch, policy, fsyncIntervalMillis, maxIndexEntries, queueCapacity);
            log.recover();
            log.writer.start();
            return log;
        } catch (IOException e) {
            if (ch != null) {
                try {
                    ch.close();
                } catch (IOException ignored) {
                    // reporting the first failure
                }
            }
            throw new UncheckedIOException(
                    "cannot open the CDF record file " + file + ": " + e.getMessage(), e);
        }
    }

    /** A new file's directory entry must be durable too (Linux; a no-op where unsupported). */
    private static void forceDirectory(Path dir) {
        if (dir == null) {
            return;
        }
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException | RuntimeException e) {
            // Windows cannot open directories; nothing more can be done there.
        }
    }

    public Path file() {
        return file;
    }

    public FsyncPolicy policy() {
        return policy;
    }

    // ---- recovery -----------------------------------------------------------------------------

    private void recover() throws IOException {
        long size = channel.size();
        long lastNewline = -1;
        long offset = 0;
        String firstBad = null;
        ByteArrayOutputStream line = new ByteArrayOutputStream(512);
        channel.position(0);
        InputStream in = new BufferedInputStream(Channels.newInputStream(channel), 1 << 16);
        int b;
        while (offset < size && (b = in.read()) >= 0) {
            if (b == '\n') {
                lastNewline = offset;
                String text = line.toString(StandardCharsets.UTF_8);
                line.reset();
                if (!text.isBlank()) {
                    Key k = keyOf(text);
                    if (k != null) {
                        index.put(k, Boolean.TRUE);
                        recovered++;
                    } else {
                        unreadableLines++;
                        if (firstBad == null) {
                            firstBad = "line ending at byte " + offset;
                        }
                    }
                }
            } else {
                line.write(b);
            }
            offset++;
        }
        long keep = lastNewline + 1;
        if (keep < size) {
            truncatedBytes = size - keep;
            String tail = line.toString(StandardCharsets.UTF_8);
            LOG.log(
                    Level.WARNING,
                    "CDF record file "
                            + file
                            + ": the last record was cut short ("
                            + truncatedBytes
                            + " bytes after the last complete line, a write interrupted by a crash; it was never "
                            + "acknowledged under fsync=always) — removed: "
                            + (tail.length() > 200 ? tail.substring(0, 200) + "…" : tail));
            channel.truncate(keep);
            channel.force(true);
        }
        if (unreadableLines > 0) {
            LOG.log(
                    Level.WARNING,
                    "CDF record file "
                            + file
                            + ": "
                            + unreadableLines
                            + " line(s) are not records "
                            + "(first: "
                            + firstBad
                            + "); kept in the file, left out of the duplicate index");
        }
        position = keep;
        channel.position(position);
        indexSize = index.size();
        if (recovered > 0) {
            LOG.log(
                    Level.INFO,
                    "CDF record file "
                            + file
                            + ": "
                            + recovered
                            + " record(s) found, "
                            + indexSize
                            + " kept in the duplicate index");
        }
    }

    /**
     * The key of a stored line, or null when the line is not a record: its top-level "Session-Id"
     * (a string) and "Accounting-Record-Number" (an integer), read with jackson's streaming parser
     * without building the rest.
     */
    static Key keyOf(String line) {
        try (JsonParser p = JSON.createParser(line)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            String sid = null;
            Long number = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken v = p.nextToken();
                if ("Session-Id".equals(field) && v == JsonToken.VALUE_STRING) {
                    sid = p.getText();
                } else if ("Accounting-Record-Number".equals(field)
                        && v == JsonToken.VALUE_NUMBER_INT) {
                    number = p.getLongValue();
                } else {
                    p.skipChildren();
                }
            }
            return sid != null && number != null ? new Key(sid, number) : null;
        } catch (IOException e) {
            return null; // a torn last line after a crash, or not JSON
        }
    }

    private static final JsonFactory JSON = new JsonFactory();

    // ---- appending ----------------------------------------------------------------------------

    /**
     * Queues a record; never blocks. {@code line} is one JSON object without a newline. The future
     * completes on the writer thread with {@link Outcome#WRITTEN} after the write (and fsync per
     * the policy) or {@link Outcome#DUPLICATE}; or fails with {@link RejectedExecutionException}
     * (queue full, log closed) or the {@link IOException} of the write.
     */
    public CompletableFuture<Outcome> append(Key key, byte[] line) {
        CompletableFuture<Outcome> f = new CompletableFuture<>();
        for (byte b : line) {
            if (b == '\n' || b == '\r') {
                f.completeExceptionally(
                        new IllegalArgumentException(
                                "a record line must not contain a line break"));
                return f;
            }
        }
        synchronized (appendLock) {
            if (closed) {
                f.completeExceptionally(
                        new RejectedExecutionException(
                                "the CDF record file " + file + " is closed"));
                return f;
            }
            if (!queue.offer(new Entry(key, line, f))) {
                failed.incrementAndGet();
                f.completeExceptionally(
                        new RejectedExecutionException(
                                "the CDF writer is "
                                        + queue.size()
                                        + " records behind (queue full)"));
            }
        }
        return f;
    }

    private void run() {
        List<Entry> batch = new ArrayList<>();
        try {
            while (true) {
                long wait = 200;
                if (policy == FsyncPolicy.INTERVAL && dirty) {
                    wait =
                            Math.max(
                                    1,
                                    fsyncIntervalMillis
                                            - (System.nanoTime() - lastSyncNanos) / 1_000_000);
                }
                Entry first = queue.poll(wait, TimeUnit.MILLISECONDS);
                if (first == null) {
                    intervalSync();
                    if (closed && queue.isEmpty()) {
                        break;
                    }
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                writeBatch(batch);
                batch.clear();
                intervalSync();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) {
            LOG.log(Level.ERROR, "CDF writer of " + file + " stopped: " + e, e);
            for (Entry en : batch) {
                en.future().completeExceptionally(e);
            }
        } finally {
            closed = true;
            syncQuietly();
            Entry left;
            while ((left = queue.poll()) != null) {
                left.future()
                        .completeExceptionally(
                                new RejectedExecutionException(
                                        "the CDF record file " + file + " is closed"));
            }
        }
    }

    private void writeBatch(List<Entry> batch) {
        List<Entry> toWrite = new ArrayList<>(batch.size());
        Map<Key, Entry> firstInBatch = new HashMap<>();
        List<Entry[]> linked = new ArrayList<>();
        List<Entry> dups = new ArrayList<>();
        int bytes = 0;
        for (Entry e : batch) {
            Entry original = firstInBatch.get(e.key());
            if (original != null) {
                linked.add(new Entry[] {e, original});
            } else if (index.get(e.key()) != null) {
                dups.add(e);
            } else {
                firstInBatch.put(e.key(), e);
                index.put(e.key(), Boolean.TRUE);
                toWrite.add(e);
                bytes += e.line().length + 1;
            }
        }
        indexSize = index.size();
        Throwable failure = null;
        if (!toWrite.isEmpty()) {
            ByteBuffer buf = ByteBuffer.allocate(bytes);
            for (Entry e : toWrite) {
                buf.put(e.line()).put((byte) '\n');
            }
            buf.flip();
            long start = position;
            try {
                while (buf.hasRemaining()) {
                    channel.write(buf, position + buf.position());
                }
                position = start + bytes;
                dirty = true;
                if (policy == FsyncPolicy.ALWAYS) {
                    sync();
                }
            } catch (IOException e) {
                failure = e;
                LOG.log(
                        Level.ERROR,
                        "CDF record file "
                                + file
                                + ": writing "
                                + toWrite.size()
                                + " record(s) failed: "
                                + e.getMessage());
                try {
                    channel.truncate(start);
                    position = start;
                } catch (IOException t) {
                    LOG.log(
                            Level.ERROR,
                            "CDF record file "
                                    + file
                                    + ": cannot cut back a failed write: "
                                    + t.getMessage());
                    position = start;
                }
                for (Entry w : toWrite) {
                    index.remove(w.key());
                }
                indexSize = index.size();
            }
        }
        for (Entry e : toWrite) {
            if (failure != null) {
                failed.incrementAndGet();
                e.future().completeExceptionally(failure);
            } else {
                written.incrementAndGet();
                e.future().complete(Outcome.WRITTEN);
            }
        }
        for (Entry[] pair : linked) {
            if (failure != null) {
                failed.incrementAndGet();
                pair[0].future().completeExceptionally(failure);
            } else {
                duplicates.incrementAndGet();
                pair[0].future().complete(Outcome.DUPLICATE);
            }
        }
        for (Entry e : dups) {
            duplicates.incrementAndGet();
            e.future().complete(Outcome.DUPLICATE);
        }
    }

    private void sync() throws IOException {
        channel.force(false);
        fsyncs.incrementAndGet();
        dirty = false;
        lastSyncNanos = System.nanoTime();
    }

    private void intervalSync() {
        if (policy == FsyncPolicy.INTERVAL
                && dirty
                && (System.nanoTime() - lastSyncNanos) / 1_000_000 >= fsyncIntervalMillis) {
            syncQuietly();
        }
    }

    private void syncQuietly() {
        if (!dirty || !channel.isOpen()) {
            return;
        }
        try {
            sync();
        } catch (IOException e) {
            LOG.log(Level.ERROR, "CDF record file " + file + ": fsync failed: " + e.getMessage());
        }
    }

    public Stats stats() {
        return new Stats(
                written.get(),
                duplicates.get(),
                failed.get(),
                fsyncs.get(),
                recovered,
                truncatedBytes,
                unreadableLines,
                indexSize);
    }

    /**
     * Stops taking records, writes what is queued, forces the file and closes it. Records queued
     * after the writer stopped are failed.
     */
    @Override
    public void close() {
        synchronized (appendLock) {
            closed = true;
        }
        try {
            writer.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            channel.close();
        } catch (IOException e) {
            LOG.log(Level.WARNING, "CDF record file " + file + ": close failed: " + e.getMessage());
        }
    }
}
