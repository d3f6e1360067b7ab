package dev.mconats.reports.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Debian's Chromium, headless, with the flags this machine needs (its closed network refuses background
 * connections; root needs --no-sandbox), a fresh profile, and the DevTools protocol on a port it picks itself.
 * Stopped by its own process handle on close.
 */
final class HeadlessChromium implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("DevTools listening on (ws://\\S+)");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final URI browserWs;
    private final Path log;

    private HeadlessChromium(Process process, URI browserWs, Path log) {
        this.process = process;
        this.browserWs = browserWs;
        this.log = log;
    }

    static Optional<Path> executable() {
        List<String> candidates = new ArrayList<>();
        String env = System.getenv("CHROMIUM_BIN");
        if (env != null && !env.isBlank()) {
            candidates.add(env);
        }
        candidates.addAll(List.of("/usr/bin/chromium", "/usr/bin/chromium-browser"));
        return candidates.stream().map(Path::of).filter(Files::isExecutable).findFirst();
    }

    static HeadlessChromium launch(Path workDir) throws IOException, InterruptedException {
        Path exe = executable().orElseThrow(() -> new IllegalStateException(
                "chromium not found: apt-get install -y chromium (or set CHROMIUM_BIN)"));
        Path profile = Files.createDirectories(workDir.resolve("chromium-profile"));
        Path log = workDir.resolve("chromium.log");
        List<String> cmd = List.of(exe.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile, "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0",
                "--remote-allow-origins=*", "--hide-scrollbars", "about:blank");
        Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        CompletableFuture<URI> ws = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8));
                 var out = Files.newBufferedWriter(log)) {
                String line;
                while ((line = r.readLine()) != null) {
                    out.write(line);
                    out.newLine();
                    out.flush();
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) {
                        ws.complete(URI.create(m.group(1)));
                    }
                }
            } catch (IOException e) {
                ws.completeExceptionally(e);
            }
            ws.completeExceptionally(new IllegalStateException("chromium exited before DevTools started"));
        });
        try {
            return new HeadlessChromium(p, ws.get(30, TimeUnit.SECONDS), log);
        } catch (Exception e) {
            p.destroyForcibly();
            throw new IllegalStateException("chromium did not start (see " + log + "): " + e.getMessage(), e);
        }
    }

    /** Connects to the page chromium opened at start. */
    CdpSession page() throws IOException, InterruptedException {
        URI list = URI.create("http://" + browserWs.getHost() + ":" + browserWs.getPort() + "/json/list");
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(list).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        for (JsonNode t : JSON.readTree(r.body())) {
            if ("page".equals(t.path("type").asText())) {
                return CdpSession.connect(URI.create(t.get("webSocketDebuggerUrl").asText()));
            }
        }
        throw new IllegalStateException("chromium has no page target: " + r.body());
    }

    Path log() {
        return log;
    }

    @Override
    public void close() {
        List<ProcessHandle> helpers = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        // Chromium's helper processes exit with it; any left behind are ours to stop, by handle.
        helpers.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    static void writePng(Path file, String base64) {
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, java.util.Base64.getDecoder().decode(base64));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
