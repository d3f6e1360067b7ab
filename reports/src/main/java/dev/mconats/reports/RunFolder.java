package dev.mconats.reports;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The folder one run writes into: {@code results/runs/<id>/}. Output goes to a hidden {@code .<id>.partial}
 * folder first and appears under its final name only on {@link #commit()}, so a run that fails half-way leaves no
 * half-written report behind ({@link #abort()} removes it). {@code run.json} holds the run's metadata.
 *
 * <p>Layout inside a run folder (each part optional): {@code run.json}; {@code conformance/} (results.json,
 * junit.xml, report.html); {@code gatling/} (Gatling's HTML report); {@code samples.jsonl} (server and injector
 * samples); {@code load-summary.json}.
 */
public final class RunFolder implements AutoCloseable {
    private static final DateTimeFormatter ID = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path runsDir;
    private final String id;
    private final Path partial;
    private final Map<String, Object> meta = new LinkedHashMap<>();
    private boolean done;

    private RunFolder(Path runsDir, String id) {
        this.runsDir = runsDir;
        this.id = id;
        this.partial = runsDir.resolve("." + id + ".partial");
    }

    /** Opens a new run of the given kind ("conformance", "load", "run", ...) under {@code resultsDir/runs}. */
    public static RunFolder open(Path resultsDir, String kind) {
        Path runs = resultsDir.resolve("runs").toAbsolutePath().normalize();
        String base = ID.format(Instant.now()) + "-" + kind.replaceAll("[^A-Za-z0-9_-]", "-");
        String id = base;
        for (int i = 2; Files.exists(runs.resolve(id)) || Files.exists(runs.resolve("." + id + ".partial")); i++) {
            id = base + "-" + i;
        }
        RunFolder f = new RunFolder(runs, id);
        try {
            Files.createDirectories(f.partial);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create run folder " + f.partial, e);
        }
        f.meta.put("id", id);
        f.meta.put("kind", kind);
        f.meta.put("started", Instant.now().toString());
        return f;
    }

    public String id() {
        return id;
    }

    /** Where to write while the run is in progress. */
    public Path dir() {
        return partial;
    }

    /** Where the run will be once committed. */
    public Path finalDir() {
        return runsDir.resolve(id);
    }

    public Path resolve(String relative) {
        return partial.resolve(relative);
    }

    /** Adds metadata for run.json (target name, NATS version, key config, summaries). Never put secrets here. */
    public RunFolder put(String key, Object value) {
        meta.put(key, value);
        return this;
    }

    /** Writes run.json and moves the folder to its final name. */
    public Path commit() {
        meta.put("finished", Instant.now().toString());
        try {
            JSON.writeValue(partial.resolve("run.json").toFile(), meta);
            Files.move(partial, finalDir(), StandardCopyOption.ATOMIC_MOVE);
            done = true;
            return finalDir();
        } catch (IOException e) {
            abort();
            throw new UncheckedIOException("cannot finish run folder " + finalDir(), e);
        }
    }

    /** Removes everything this run wrote. */
    public void abort() {
        done = true;
        if (!Files.exists(partial)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(partial)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort: a leftover .partial folder is hidden and ignored by the index
        }
    }

    /** Aborts unless committed: use in try-with-resources so an exception leaves nothing behind. */
    @Override
    public void close() {
        if (!done) {
            abort();
        }
    }
}
