package dev.mconats.reports.sampling;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

/**
 * Reads one server's /varz and /routez into one server entry of a sample. /connz is not read: /varz already carries
 * the connection count, and /connz copies the whole client list under the server's lock on every call.
 */
final class ServerProbe {
    private final HttpClient http;
    private final ObjectMapper json;
    private final Duration timeout;

    ServerProbe(HttpClient http, ObjectMapper json, Duration timeout) {
        this.http = http;
        this.json = json;
        this.timeout = timeout;
    }

    /** Never throws: a server that does not answer yields an entry with {@code error}. */
    ObjectNode sample(ServerMonitor server) {
        ObjectNode out = json.createObjectNode();
        out.put(SampleFormat.NAME, server.name());
        out.put(SampleFormat.URL, server.monitorUrl().toString());
        long t0 = System.nanoTime();
        JsonNode varz;
        try {
            varz = get(server, "/varz");
        } catch (Exception e) {
            out.put(SampleFormat.ERROR, describe(e));
            return out;
        }
        for (String f : SampleFormat.VARZ_TEXTS) {
            if (varz.hasNonNull(f)) {
                out.put(f, varz.get(f).asText());
            }
        }
        for (String f : SampleFormat.VARZ_NUMBERS) {
            JsonNode v = varz.get(f);
            if (v != null && v.isNumber()) {
                out.set(f, v);
            }
        }
        try {
            JsonNode routez = get(server, "/routez");
            ArrayNode routes = out.putArray(SampleFormat.ROUTES);
            for (JsonNode r : routez.path("routes")) {
                ObjectNode o = routes.addObject();
                for (String f : SampleFormat.ROUTE_FIELDS) {
                    if (r.has(f)) {
                        o.set(f, r.get(f));
                    }
                }
            }
        } catch (Exception e) {
            out.put(SampleFormat.ROUTES_ERROR, describe(e));
        }
        out.put(SampleFormat.FETCH_MS, Math.round((System.nanoTime() - t0) / 1e4) / 100.0);
        return out;
    }

    private JsonNode get(ServerMonitor server, String path) throws IOException, InterruptedException {
        HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(server.endpoint(path)).timeout(timeout).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() != 200) {
            throw new IOException("HTTP " + r.statusCode() + " from " + path);
        }
        JsonNode n = json.readTree(r.body());
        if (n == null || !n.isObject()) {
            throw new IOException(path + " did not return a JSON object");
        }
        return n;
    }

    /** One line for the report: what went wrong, without a stack trace. */
    static String describe(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof HttpTimeoutException) {
                return "no answer within the timeout";
            }
            if (c instanceof java.net.ConnectException) {
                return "connection refused";
            }
        }
        Throwable t = e;
        while (t.getCause() != null && (t.getMessage() == null || t.getMessage().isBlank())) {
            t = t.getCause();
        }
        String m = t.getMessage();
        return (m == null || m.isBlank() ? t.getClass().getSimpleName() : m).replace('\n', ' ');
    }
}
