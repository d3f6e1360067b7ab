package dev.mconats.reports.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A minimal Chrome DevTools Protocol client over java.net.http's WebSocket: commands with ids and their results,
 * and every event kept in order so a test can look for console errors after the fact.
 */
final class CdpSession implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final WebSocket ws;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final List<JsonNode> events = new ArrayList<>();

    private CdpSession(WebSocket ws) {
        this.ws = ws;
    }

    static CdpSession connect(URI debuggerUrl) {
        CdpSession[] self = new CdpSession[1];
        StringBuilder partial = new StringBuilder();
        WebSocket.Listener listener = new WebSocket.Listener() {
            @Override
            public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
                partial.append(data);
                if (last) {
                    String msg = partial.toString();
                    partial.setLength(0);
                    self[0].dispatch(msg);
                }
                w.request(1);
                return null;
            }
        };
        WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
                .buildAsync(debuggerUrl, new WebSocket.Listener() {
                    @Override
                    public void onOpen(WebSocket w) {
                        w.request(1);
                    }

                    @Override
                    public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
                        return listener.onText(w, data, last);
                    }
                }).join();
        self[0] = new CdpSession(ws);
        return self[0];
    }

    private void dispatch(String msg) {
        try {
            JsonNode n = JSON.readTree(msg);
            if (n.has("id")) {
                CompletableFuture<JsonNode> f = pending.remove(n.get("id").asInt());
                if (f != null) {
                    if (n.has("error")) {
                        f.completeExceptionally(new IllegalStateException("CDP error: " + n.get("error")));
                    } else {
                        f.complete(n.path("result"));
                    }
                }
            } else {
                synchronized (events) {
                    events.add(n);
                    events.notifyAll();
                }
            }
        } catch (Exception e) {
            synchronized (events) {
                events.add(JSON.createObjectNode().put("method", "client.parseError").put("text", e.toString()));
            }
        }
    }

    JsonNode send(String method, ObjectNode params) {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonNode> f = new CompletableFuture<>();
        pending.put(id, f);
        ObjectNode msg = JSON.createObjectNode().put("id", id).put("method", method);
        msg.set("params", params == null ? JSON.createObjectNode() : params);
        ws.sendText(msg.toString(), true).join();
        try {
            return f.get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(method + " failed: " + e.getMessage(), e);
        }
    }

    JsonNode send(String method) {
        return send(method, null);
    }

    static ObjectNode params() {
        return JSON.createObjectNode();
    }

    /** Evaluates a JavaScript expression in the page and returns its value (by value). */
    JsonNode eval(String expression) {
        JsonNode r = send("Runtime.evaluate", params().put("expression", expression).put("returnByValue", true)
                .put("awaitPromise", true));
        if (r.has("exceptionDetails")) {
            throw new IllegalStateException("page script failed: " + r.get("exceptionDetails"));
        }
        return r.path("result").path("value");
    }

    /** Waits for an event (seen since index {@code from}) matching the method and predicate. */
    JsonNode awaitEvent(int from, String method, Predicate<JsonNode> p, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (events) {
            while (true) {
                for (int i = from; i < events.size(); i++) {
                    JsonNode e = events.get(i);
                    if (method.equals(e.path("method").asText()) && p.test(e.path("params"))) {
                        return e;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new IllegalStateException("no " + method + " event within " + timeout);
                }
                events.wait(Math.max(1, left / 1_000_000));
            }
        }
    }

    int eventCount() {
        synchronized (events) {
            return events.size();
        }
    }

    /** Console errors, uncaught exceptions and error log entries (failed resource loads) seen so far. */
    List<String> errors() {
        List<String> out = new ArrayList<>();
        synchronized (events) {
            for (JsonNode e : events) {
                String m = e.path("method").asText();
                JsonNode p = e.path("params");
                if (m.equals("Runtime.consoleAPICalled") && (p.path("type").asText().equals("error")
                        || p.path("type").asText().equals("assert"))) {
                    out.add("console." + p.path("type").asText() + ": " + p.path("args"));
                } else if (m.equals("Runtime.exceptionThrown")) {
                    out.add("exception: " + p.path("exceptionDetails"));
                } else if (m.equals("Log.entryAdded") && p.path("entry").path("level").asText().equals("error")) {
                    out.add("log: " + p.path("entry").path("text").asText() + " " + p.path("entry").path("url").asText());
                } else if (m.equals("client.parseError")) {
                    out.add(e.path("text").asText());
                }
            }
        }
        return out;
    }

    @Override
    public void close() {
        try {
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(5, TimeUnit.SECONDS);
        } catch (Exception ignored) {
            // the browser is being stopped anyway
        }
    }
}
