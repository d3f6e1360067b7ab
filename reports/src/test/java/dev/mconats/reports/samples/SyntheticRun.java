package dev.mconats.reports.samples;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Writes samples.jsonl lines in the documented format for a run with known ground truth: servers whose RSS is
 * {@code idle + bytesPerConn * connections} and whose CPU is {@code cpu0 + perMsg * msgs/s + perHandshake * conns/s},
 * each with Gaussian noise, while nodes ramp up linearly and then hold. Lets tests check that fits recover the truth.
 */
public final class SyntheticRun {
    private static final ObjectMapper JSON = new ObjectMapper();

    public double idleBytes = 12 << 20;
    public double bytesPerConn = 56_000;
    public double rssNoise = 200_000;
    public double cpu0 = 0.5;
    public double cpuPerMsg = 0.0004;          // % of a core per msg/s -> 4 µs per message
    public double cpuPerHandshake = 0.31;      // % of a core per conn/s -> 3.1 ms per handshake
    public double cpuNoise = 0.3;
    public int servers = 3;
    public int peakNodes = 3000;
    public int rampSamples = 60;
    public int holdSamples = 60;
    public double interval = 1.0;
    public double discoveryPerSecond = 1.0;    // broadcasts per second
    public double p50 = 40;
    public double p99 = 90;
    public double latencyNoise = 3;
    public long slowConsumersAdded = 0;
    public long routePending = 0;
    public long repliesMissing = 0;
    /** /varz max_connections of every server. */
    public long maxConnections = 65536;
    /** Open-files limit of every server process (written in its first sample), or -1 for none found. */
    public long openFilesLimit = -1;
    /** Files a server holds besides client connections (listeners, routes, log). */
    public long otherOpenFiles = 12;
    /** Server index (0-based) that stops answering from this sample on, or -1. */
    public int deadServer = -1;
    public int deadFrom = Integer.MAX_VALUE;
    public long seed = 1;

    public List<String> lines() {
        Random r = new Random(seed);
        List<String> out = new ArrayList<>();
        long[] inMsgs = new long[servers];
        long[] totalConns = new long[servers];
        long[] prevConns = new long[servers];
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        int n = rampSamples + holdSamples;
        for (int i = 0; i < n; i++) {
            long nodes = i < rampSamples ? Math.round((double) peakNodes * (i + 1) / rampSamples) : peakNodes;
            double elapsed = i * interval;
            ObjectNode line = JSON.createObjectNode();
            line.put("v", 1);
            line.put("time", t0.plusMillis((long) (elapsed * 1000)).toString());
            line.put("epoch_ms", t0.toEpochMilli() + (long) (elapsed * 1000));
            line.put("elapsed_s", elapsed);
            ObjectNode inj = line.putObject("injector");
            inj.put("live_nodes", nodes);
            inj.put("rss_bytes", (long) (200e6 + 90_000 * nodes + r.nextGaussian() * 1e6));
            inj.put("cpu_percent", 20 + r.nextGaussian());
            boolean hold = i >= rampSamples;
            if (hold) {
                inj.put("discovery_p50_ms", p50 + r.nextGaussian() * latencyNoise);
                inj.put("discovery_p99_ms", p99 + r.nextGaussian() * latencyNoise);
            } else {
                inj.putNull("discovery_p50_ms");
                inj.putNull("discovery_p99_ms");
            }
            inj.put("discovery_replies_missing", hold ? repliesMissing : 0);
            ArrayNode arr = line.putArray("servers");
            for (int s = 0; s < servers; s++) {
                ObjectNode v = arr.addObject();
                v.put("name", "nats" + (s + 1) + ".example.net");
                v.put("url", "http://127.0.9." + (11 + s) + ":8222");
                if (s == deadServer && i >= deadFrom) {
                    v.put("error", "connection refused");
                    continue;
                }
                long conns = nodes / servers;
                long newConns = Math.max(0, conns - prevConns[s]);
                prevConns[s] = conns;
                totalConns[s] += newConns;
                double msgRate = discoveryPerSecond * 2 * conns;   // discoveries run during the ramp too, as in a real run
                inMsgs[s] += (long) (msgRate * interval / 2);
                v.put("server_id", "SERVER" + s);
                v.put("version", "2.9.10");
                v.put("connections", conns);
                v.put("total_connections", totalConns[s]);
                v.put("subscriptions", conns * 2);
                v.put("mem", (long) (idleBytes + bytesPerConn * conns + r.nextGaussian() * rssNoise));
                v.put("cpu", Math.max(0, cpu0 + cpuPerMsg * msgRate + cpuPerHandshake * newConns / interval + r.nextGaussian() * cpuNoise));
                v.put("in_msgs", inMsgs[s]);
                v.put("out_msgs", inMsgs[s]);
                v.put("in_bytes", inMsgs[s] * 500);
                v.put("out_bytes", inMsgs[s] * 3000);
                v.put("slow_consumers", i == n - 1 ? slowConsumersAdded : 0);
                v.put("max_connections", maxConnections);
                if (i == 0 && openFilesLimit > 0) {
                    ObjectNode p = v.putObject("process");
                    p.put("pid", 4000 + s);
                    p.put("open_files_limit", openFilesLimit);
                    p.put("open_files", otherOpenFiles + conns);
                    p.put("source", "/proc/" + (4000 + s) + "/limits");
                }
                v.put("max_payload", 1048576);
                ArrayNode routes = v.putArray("routes");
                for (int o = 0; o < servers; o++) {
                    if (o != s) {
                        ObjectNode rt = routes.addObject();
                        rt.put("remote_id", "SERVER" + o);
                        rt.put("pending_size", hold && i % 10 == 0 ? routePending : 0);
                        rt.put("in_msgs", inMsgs[s] / 4);
                        rt.put("out_msgs", inMsgs[s] / 4);
                    }
                }
            }
            out.add(line.toString());
        }
        return out;
    }

    public SampleSeries series() {
        List<Sample> samples = new ArrayList<>();
        for (String l : lines()) {
            try {
                samples.add(SamplesFile.parse(l));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new SampleSeries(samples, 0);
    }

    public Path write(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, lines());
        return file;
    }
}
