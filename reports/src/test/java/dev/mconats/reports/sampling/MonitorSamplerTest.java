package dev.mconats.reports.sampling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sampler's failure behaviour, against real sockets on loopback (no server, a server that never answers). */
class MonitorSamplerTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    /** A loopback port nobody listens on (bound, then released). */
    private static int closedPort() throws Exception {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress("127.0.0.1", 0));
            return s.getLocalPort();
        }
    }

    @Test
    void aServerThatDoesNotAnswerGivesErrorEntriesNotExceptions() throws Exception {
        Path file = tmp.resolve("run/samples.jsonl");
        AtomicInteger calls = new AtomicInteger();
        List<ServerMonitor> servers = List.of(new ServerMonitor("gone", URI.create("http://127.0.0.1:" + closedPort())));
        try (ServerSocket silent = new ServerSocket()) {
            silent.bind(new InetSocketAddress("127.0.0.1", 0));  // accepts (backlog) but never answers
            List<ServerMonitor> both = List.of(servers.get(0),
                    new ServerMonitor("hung", URI.create("http://127.0.0.1:" + silent.getLocalPort() + "/")));
            // a long interval, so the timeout (90 % of it) is not reached by a merely slow, busy machine
            MonitorSampler s = MonitorSampler.start(both, file, Duration.ofMillis(1000), () -> {
                if (calls.incrementAndGet() == 2) {
                    throw new IllegalStateException("boom");
                }
                return InjectorFigures.ofThisProcess(7);
            });
            Thread.sleep(2500);
            s.close();
            s.close();
            assertThat(s.writeErrors()).isZero();
            List<String> lines = Files.readAllLines(file);
            assertThat(lines).hasSize((int) s.samplesWritten()).hasSizeGreaterThanOrEqualTo(3);
            JsonNode first = JSON.readTree(lines.get(0));
            assertThat(first.get("v").asInt()).isEqualTo(SampleFormat.VERSION);
            assertThat(first.get("servers").get(0).get("name").asText()).isEqualTo("gone");
            assertThat(first.get("servers").get(0).get("error").asText()).isEqualTo("connection refused");
            assertThat(first.get("servers").get(1).get("error").asText()).isEqualTo("no answer within the timeout");
            assertThat(first.get("injector").get("live_nodes").asLong()).isEqualTo(7);
            assertThat(first.get("injector").get("rss_bytes").asLong()).isPositive();
            assertThat(first.get("injector").get("discovery_p50_ms").isNull()).isTrue();
            assertThat(JSON.readTree(lines.get(1)).get("injector").get("error").asText()).contains("boom");
        }
    }

    @Test
    void samplesAreAppendedAndSpacedByTheInterval() throws Exception {
        Path file = tmp.resolve("samples.jsonl");
        Files.writeString(file, "");
        try (MonitorSampler s = MonitorSampler.start(List.of(), file, Duration.ofMillis(200), InjectorFigures::none)) {
            Thread.sleep(1100);
        }
        List<String> lines = Files.readAllLines(file);
        assertThat(lines.size()).isBetween(5, 8);
        double[] t = lines.stream().mapToDouble(l -> {
            try {
                return JSON.readTree(l).get("elapsed_s").asDouble();
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }).toArray();
        for (int i = 1; i < t.length - 1; i++) {
            assertThat(t[i] - t[i - 1]).isBetween(0.1, 0.35);
        }
        JsonNode inj = JSON.readTree(lines.get(0)).get("injector");
        assertThat(inj.get("live_nodes").isNull()).isTrue();
        assertThat(inj.get("cpu_percent").isNull()).isTrue();
    }

    @Test
    void badArgumentsFailInTheCallersThread() {
        assertThatThrownBy(() -> MonitorSampler.start(List.of(), tmp.resolve("x"), Duration.ofMillis(10), InjectorFigures::none))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 100 ms");
        Path dirNotFile = tmp;
        assertThatThrownBy(() -> MonitorSampler.start(List.of(), dirNotFile, Duration.ofSeconds(1), InjectorFigures::none))
                .hasMessageContaining("cannot open samples file");
    }

    @Test
    void thisProcessFiguresAreReal() {
        InjectorFigures f = InjectorFigures.ofThisProcess(3, 1.5, 9.0, 0);
        assertThat(f.jvmRssBytes()).isGreaterThan(10L << 20);
        assertThat(f.cpuPercent()).isFinite().isGreaterThanOrEqualTo(0);
        assertThat(InjectorFigures.none().isNone()).isTrue();
        assertThat(f.isNone()).isFalse();
    }
}
