package dev.mconats.cluster;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Minimal reads of a node's monitor endpoint, enough to know it is up and meshed. */
final class Monitor {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private static final Pattern NUM_ROUTES = Pattern.compile("\"num_routes\"\\s*:\\s*(\\d+)");

    private Monitor() {
    }

    static Optional<String> get(String baseUrl, String path) {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                    .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? Optional.of(r.body()) : Optional.empty();
        } catch (java.io.IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    static int numRoutes(String baseUrl) {
        return get(baseUrl, "/routez").map(body -> {
            Matcher m = NUM_ROUTES.matcher(body);
            return m.find() ? Integer.parseInt(m.group(1)) : -1;
        }).orElse(-1);
    }

    /**
     * Polls {@code /varz} until it answers; empty when it did, else why not: {@code giveUp} names a reason to stop
     * early (e.g. the process exited), or the timeout passed.
     */
    static Optional<String> awaitVarz(String baseUrl, Duration timeout, Supplier<Optional<String>> giveUp) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (get(baseUrl, "/varz").isPresent()) {
                return Optional.empty();
            }
            Optional<String> why = giveUp.get();
            if (why.isPresent()) {
                return why;
            }
            if (System.nanoTime() > deadline || Thread.currentThread().isInterrupted()) {
                return Optional.of("no answer from " + baseUrl + "/varz within " + timeout.toSeconds() + " s");
            }
            DnsFixture.sleep(100);
        }
    }
}
