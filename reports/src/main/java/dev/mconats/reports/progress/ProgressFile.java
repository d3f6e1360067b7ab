package dev.mconats.reports.progress;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * {@value #NAME} in a run (or shard) folder: the injector appends one {@link Progress} a line while it runs; the
 * front door follows the file ({@link Tail}) and renders it. A file, not a pipe: it survives in the run folder, and
 * the k shards of a fleet each keep their own.
 */
public final class ProgressFile {
    public static final String NAME = "progress.jsonl";
    static final ObjectMapper JSON = new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private ProgressFile() {
    }

    /** Appends records to {@code file}, one line each, flushed at once so a reader sees whole lines only. */
    public static final class Writer implements AutoCloseable {
        private final OutputStream out;

        private Writer(OutputStream out) {
            this.out = out;
        }

        public synchronized void write(Progress p) {
            try {
                byte[] line = (JSON.writeValueAsString(p) + "\n").getBytes(StandardCharsets.UTF_8);
                out.write(line); // one write per line: the reader never sees half of one
                out.flush();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write progress", e);
            }
        }

        @Override
        public synchronized void close() {
            try {
                out.close();
            } catch (IOException ignored) {
                // nothing more to write
            }
        }
    }

    public static Writer create(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            return new Writer(Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + file, e);
        }
    }

    /** Follows a file that another process appends to: each {@link #poll()} returns the whole lines added since. */
    public static final class Tail {
        private final Path file;
        private long offset;
        private byte[] partial = new byte[0];

        public Tail(Path file) {
            this.file = file;
        }

        public Path file() {
            return file;
        }

        /** New records (none when the file does not exist yet); lines that are not a record are skipped. */
        public List<Progress> poll() {
            List<Progress> out = new ArrayList<>();
            if (!Files.isRegularFile(file)) {
                return out;
            }
            byte[] added;
            try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
                long length = f.length();
                if (length <= offset) {
                    return out;
                }
                added = new byte[(int) Math.min(length - offset, 16 << 20)];
                f.seek(offset);
                f.readFully(added);
                offset += added.length;
            } catch (IOException e) {
                return out; // the next poll tries again
            }
            byte[] data = new byte[partial.length + added.length];
            System.arraycopy(partial, 0, data, 0, partial.length);
            System.arraycopy(added, 0, data, partial.length, added.length);
            int start = 0;
            for (int i = 0; i < data.length; i++) {
                if (data[i] == '\n') {
                    parse(new String(data, start, i - start, StandardCharsets.UTF_8)).ifPresent(out::add);
                    start = i + 1;
                }
            }
            partial = java.util.Arrays.copyOfRange(data, start, data.length);
            return out;
        }
    }

    /** Every record of a finished file. */
    public static List<Progress> read(Path file) {
        return new Tail(file).poll();
    }

    static java.util.Optional<Progress> parse(String line) {
        if (line.isBlank()) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.ofNullable(JSON.readValue(line, Progress.class));
        } catch (IOException | IllegalArgumentException e) {
            return java.util.Optional.empty();
        }
    }
}
