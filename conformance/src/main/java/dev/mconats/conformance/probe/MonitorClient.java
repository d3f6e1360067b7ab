package dev.mconats.conformance.probe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Reads a server's monitor endpoint ({@code /varz}, {@code /routez}). Answers are kept for the run, so that all
 * checks judge the same snapshot and a slow endpoint is asked once.
 */
public final class MonitorClient implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final Duration timeout;
    private final ConcurrentMap<URI, Reply> cache = new ConcurrentHashMap<>();

    /** One monitor answer: the JSON, or the problem in one line. */
    public record Reply(URI url, JsonNode json, String problem, long nanos) {
        public boolean ok() {
            return json != null;
        }
    }

    public MonitorClient(Duration timeout) {
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    public Reply get(URI base, String path) {
        URI url = URI.create(base.toString().replaceAll("/+$", "") + path);
        return cache.computeIfAbsent(url, this::fetch);
    }

    private Reply fetch(URI url) {
        long t0 = System.nanoTime();
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(url).timeout(timeout).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            long took = System.nanoTime() - t0;
            if (r.statusCode() != 200) {
                return new Reply(url, null, "HTTP " + r.statusCode(), took);
            }
            JsonNode json = JSON.readTree(r.body());
            return json != null && json.isObject() ? new Reply(url, json, null, took)
                    : new Reply(url, null, "answer is not a JSON object", took);
        } catch (HttpTimeoutException e) {
            return new Reply(url, null, "no answer within " + timeout.toMillis() + " ms", System.nanoTime() - t0);
        } catch (IOException e) {
            String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return new Reply(url, null, m.replace('\n', ' '), System.nanoTime() - t0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Reply(url, null, "interrupted", System.nanoTime() - t0);
        }
    }

    @Override
    public void close() {
        http.close();
    }
}
