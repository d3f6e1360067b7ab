package dev.mconats.reports.samples;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads samples.jsonl (written by {@code MonitorSampler}); tolerant of a truncated or foreign line. Each line is read
 * with Jackson's streaming parser straight into the sample records (no tree in between: reading samples is most of
 * a report build), and the texts every line repeats (server names, URLs, ids) are kept once.
 */
public final class SamplesFile {
    private static final JsonFactory JSON = new JsonFactory();

    private SamplesFile() {
    }

    /** The samples in the file; {@link SampleSeries#EMPTY} when there is no such file. */
    public static SampleSeries read(Path file) {
        List<Sample> samples = new ArrayList<>();
        Map<String, String> texts = new HashMap<>();
        int malformed = 0;
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                try {
                    samples.add(parse(line, texts));
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

    /** One line; throws when it is not a sample (not an object, or without elapsed_s and servers). */
    static Sample parse(String line) throws IOException {
        return parse(line, new HashMap<>());
    }

    private static Sample parse(String line, Map<String, String> texts) throws IOException {
        try (JsonParser p = JSON.createParser(line)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("not a sample");
            }
            double elapsed = Double.NaN;
            String time = null;
            long epochMs = 0;
            InjectorSample injector = InjectorSample.ABSENT;
            List<ServerSample> servers = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String f = p.currentName();
                JsonToken t = p.nextToken();
                switch (f) {
                    case SampleFormat.ELAPSED_S -> elapsed = t.isNumeric() ? p.getDoubleValue() : Double.NaN;
                    case SampleFormat.TIME -> time = t == JsonToken.VALUE_STRING ? p.getText() : null;
                    case SampleFormat.EPOCH_MS -> epochMs = t.isNumeric() ? p.getLongValue() : 0;
                    case SampleFormat.INJECTOR -> injector = t == JsonToken.START_OBJECT ? injector(p) : skip(p, InjectorSample.ABSENT);
                    case SampleFormat.SERVERS -> servers = t == JsonToken.START_ARRAY ? servers(p, texts) : skip(p, null);
                    default -> p.skipChildren();
                }
            }
            if (Double.isNaN(elapsed) || servers == null) {
                throw new IllegalArgumentException("not a sample");
            }
            return new Sample(elapsed, time != null ? Instant.parse(time) : Instant.ofEpochMilli(epochMs), injector, servers);
        }
    }

    private static <T> T skip(JsonParser p, T value) throws IOException {
        p.skipChildren();
        return value;
    }

    /** The scalar fields of a small JSON object (numbers and texts; nested values are skipped). */
    private static final class Fields {
        private final Map<String, Object> values = new HashMap<>();

        static Fields read(JsonParser p, Map<String, String> texts) throws IOException {
            Fields out = new Fields();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String f = p.currentName();
                JsonToken t = p.nextToken();
                if (t.isNumeric()) {
                    out.values.put(f, t == JsonToken.VALUE_NUMBER_INT ? (Object) p.getLongValue() : (Object) p.getDoubleValue());
                } else if (t == JsonToken.VALUE_STRING) {
                    String s = p.getText();
                    out.values.put(f, texts.computeIfAbsent(s, k -> k));
                } else if (t.isStructStart()) {
                    p.skipChildren();
                }
            }
            return out;
        }

        long count(String f) {
            return values.get(f) instanceof Number n ? n.longValue() : -1;
        }

        double measure(String f) {
            return values.get(f) instanceof Number n ? n.doubleValue() : Double.NaN;
        }

        String text(String f) {
            Object v = values.get(f);
            return v == null ? null : v.toString();
        }
    }

    private static InjectorSample injector(JsonParser p) throws IOException {
        Fields i = Fields.read(p, new HashMap<>());
        if (i.values.isEmpty()) {
            return InjectorSample.ABSENT;
        }
        return new InjectorSample(i.count(SampleFormat.LIVE_NODES), i.count(SampleFormat.RSS_BYTES),
                i.measure(SampleFormat.CPU_PERCENT), i.measure(SampleFormat.DISCOVERY_P50_MS),
                i.measure(SampleFormat.DISCOVERY_P99_MS), i.count(SampleFormat.DISCOVERY_REPLIES_MISSING),
                i.text(SampleFormat.ERROR));
    }

    private static List<ServerSample> servers(JsonParser p, Map<String, String> texts) throws IOException {
        List<ServerSample> out = new ArrayList<>(4);
        while (p.nextToken() == JsonToken.START_OBJECT) {
            out.add(server(p, texts));
        }
        return out;
    }

    /** One server entry, field by field into locals (this runs for every server of every line: no map in between). */
    private static ServerSample server(JsonParser p, Map<String, String> texts) throws IOException {
        String name = null, url = null, error = null, serverId = null, version = null, routesError = null;
        long connections = -1, totalConnections = -1, subscriptions = -1, mem = -1, inMsgs = -1, outMsgs = -1, inBytes = -1,
                outBytes = -1, slowConsumers = -1, maxConnections = -1, maxPayload = -1, maxPending = -1, writeDeadline = -1;
        double cpu = Double.NaN, tlsTimeout = Double.NaN;
        List<RouteSample> routes = new ArrayList<>(4);
        ProcessSample process = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String f = p.currentName();
            JsonToken t = p.nextToken();
            switch (f) {
                case SampleFormat.NAME -> name = text(p, t, texts);
                case SampleFormat.URL -> url = text(p, t, texts);
                case SampleFormat.ERROR -> error = text(p, t, texts);
                case "server_id" -> serverId = text(p, t, texts);
                case "version" -> version = text(p, t, texts);
                case SampleFormat.ROUTES_ERROR -> routesError = text(p, t, texts);
                case "connections" -> connections = count(p, t);
                case "total_connections" -> totalConnections = count(p, t);
                case "subscriptions" -> subscriptions = count(p, t);
                case "mem" -> mem = count(p, t);
                case "in_msgs" -> inMsgs = count(p, t);
                case "out_msgs" -> outMsgs = count(p, t);
                case "in_bytes" -> inBytes = count(p, t);
                case "out_bytes" -> outBytes = count(p, t);
                case "slow_consumers" -> slowConsumers = count(p, t);
                case "max_connections" -> maxConnections = count(p, t);
                case "max_payload" -> maxPayload = count(p, t);
                case "max_pending" -> maxPending = count(p, t);
                case "write_deadline" -> writeDeadline = count(p, t);
                case "cpu" -> cpu = t.isNumeric() ? p.getDoubleValue() : Double.NaN;
                case "tls_timeout" -> tlsTimeout = t.isNumeric() ? p.getDoubleValue() : Double.NaN;
                case SampleFormat.ROUTES -> {
                    if (t == JsonToken.START_ARRAY) {
                        while (p.nextToken() == JsonToken.START_OBJECT) {
                            routes.add(route(p, texts));
                        }
                    } else {
                        p.skipChildren();
                    }
                }
                case SampleFormat.PROCESS -> {
                    if (t == JsonToken.START_OBJECT) {
                        Fields x = Fields.read(p, texts);
                        process = new ProcessSample(x.count(SampleFormat.PID), x.count(SampleFormat.OPEN_FILES_LIMIT),
                                x.count(SampleFormat.OPEN_FILES), x.text(SampleFormat.SOURCE));
                    } else {
                        p.skipChildren();
                    }
                }
                default -> p.skipChildren();
            }
        }
        return new ServerSample(name == null ? url : name, url, error, serverId, version, connections, totalConnections,
                subscriptions, mem, cpu, inMsgs, outMsgs, inBytes, outBytes, slowConsumers, maxConnections, maxPayload,
                maxPending, tlsTimeout, writeDeadline, routes, routesError, process);
    }

    private static RouteSample route(JsonParser p, Map<String, String> texts) throws IOException {
        String remoteId = null, ip = null;
        long pending = -1, in = -1, out = -1, subs = -1;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String f = p.currentName();
            JsonToken t = p.nextToken();
            switch (f) {
                case "remote_id" -> remoteId = text(p, t, texts);
                case "ip" -> ip = text(p, t, texts);
                case "pending_size" -> pending = count(p, t);
                case "in_msgs" -> in = count(p, t);
                case "out_msgs" -> out = count(p, t);
                case "subscriptions" -> subs = count(p, t);
                default -> p.skipChildren();
            }
        }
        return new RouteSample(remoteId, ip, pending, in, out, subs);
    }

    /** A number as a count (-1 when it is not a number, e.g. null). */
    private static long count(JsonParser p, JsonToken t) throws IOException {
        return t.isNumeric() ? p.getLongValue() : -1;
    }

    /** A text, kept once per file; null for JSON null, and the value's text for a number. */
    private static String text(JsonParser p, JsonToken t, Map<String, String> texts) throws IOException {
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        if (t.isStructStart()) {
            p.skipChildren();
            return null;
        }
        return texts.computeIfAbsent(p.getText(), k -> k);
    }
}
