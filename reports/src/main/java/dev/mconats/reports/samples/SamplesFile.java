package dev.mconats.reports.samples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mconats.reports.sampling.SampleFormat;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Reads samples.jsonl (written by {@code MonitorSampler}); tolerant of a truncated or foreign line. */
public final class SamplesFile {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SamplesFile() {
    }

    /** The samples in the file; {@link SampleSeries#EMPTY} when there is no such file. */
    public static SampleSeries read(Path file) {
        List<Sample> samples = new ArrayList<>();
        int malformed = 0;
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                try {
                    samples.add(parse(JSON.readTree(line)));
                } catch (IOException | RuntimeException e) {
                    malformed++;
                }
            }
        } catch (NoSuchFileException e) {
            return SampleSeries.EMPTY;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return new SampleSeries(samples, malformed);
    }

    static Sample parse(JsonNode n) {
        if (!n.isObject() || !n.has(SampleFormat.ELAPSED_S) || !n.path(SampleFormat.SERVERS).isArray()) {
            throw new IllegalArgumentException("not a sample");
        }
        Instant time = n.hasNonNull(SampleFormat.TIME) ? Instant.parse(n.get(SampleFormat.TIME).asText())
                : Instant.ofEpochMilli(n.path(SampleFormat.EPOCH_MS).asLong());
        List<ServerSample> servers = new ArrayList<>();
        for (JsonNode s : n.get(SampleFormat.SERVERS)) {
            servers.add(server(s));
        }
        return new Sample(n.get(SampleFormat.ELAPSED_S).asDouble(), time, injector(n.get(SampleFormat.INJECTOR)), servers);
    }

    private static InjectorSample injector(JsonNode i) {
        if (i == null || i.isNull() || i.isEmpty()) {
            return InjectorSample.ABSENT;
        }
        return new InjectorSample(count(i, SampleFormat.LIVE_NODES), count(i, SampleFormat.RSS_BYTES),
                measure(i, SampleFormat.CPU_PERCENT), measure(i, SampleFormat.DISCOVERY_P50_MS),
                measure(i, SampleFormat.DISCOVERY_P99_MS), count(i, SampleFormat.DISCOVERY_REPLIES_MISSING),
                text(i, SampleFormat.ERROR));
    }

    private static ServerSample server(JsonNode s) {
        List<RouteSample> routes = new ArrayList<>();
        for (JsonNode r : s.path(SampleFormat.ROUTES)) {
            routes.add(new RouteSample(text(r, "remote_id"), text(r, "ip"), count(r, "pending_size"),
                    count(r, "in_msgs"), count(r, "out_msgs"), count(r, "subscriptions")));
        }
        String name = text(s, SampleFormat.NAME);
        return new ServerSample(name == null ? text(s, SampleFormat.URL) : name, text(s, SampleFormat.URL),
                text(s, SampleFormat.ERROR), text(s, "server_id"), text(s, "version"), count(s, "connections"),
                count(s, "total_connections"), count(s, "subscriptions"), count(s, "mem"), measure(s, "cpu"),
                count(s, "in_msgs"), count(s, "out_msgs"), count(s, "in_bytes"), count(s, "out_bytes"),
                count(s, "slow_consumers"), count(s, "max_connections"), count(s, "max_payload"),
                count(s, "max_pending"), measure(s, "tls_timeout"), count(s, "write_deadline"), routes,
                text(s, SampleFormat.ROUTES_ERROR), process(s.get(SampleFormat.PROCESS)));
    }

    private static ProcessSample process(JsonNode p) {
        if (p == null || !p.isObject()) {
            return null;
        }
        return new ProcessSample(count(p, SampleFormat.PID), count(p, SampleFormat.OPEN_FILES_LIMIT),
                count(p, SampleFormat.OPEN_FILES), text(p, SampleFormat.SOURCE));
    }

    private static long count(JsonNode n, String f) {
        JsonNode v = n.get(f);
        return v == null || !v.isNumber() ? -1 : v.asLong();
    }

    private static double measure(JsonNode n, String f) {
        JsonNode v = n.get(f);
        return v == null || !v.isNumber() ? Double.NaN : v.asDouble();
    }

    private static String text(JsonNode n, String f) {
        JsonNode v = n.get(f);
        return v == null || v.isNull() ? null : v.asText();
    }
}
