package dev.mconats.storm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The cluster as its servers report it during a storm: each member's {@code /varz} (server id, client connections)
 * and {@code /routez} (the server ids it has routes to). The route mesh is whole when every member answers and every
 * pair of members has a route seen from both ends, as the conformance suite's route checks judge it (a half-open
 * route listed by one side only is not a link).
 */
public final class ClusterProbe {
    /** One member: its client endpoint "ip:port" and its monitor base URL. */
    public record Server(String endpoint, URI monitor) {
    }

    /** What one member said; {@code error} when it did not answer. */
    public record Member(String serverId, int connections, Set<String> routeIds, String error) {
        boolean answered() {
            return error == null;
        }
    }

    /** One reading of every member, by endpoint, in the cluster's order. */
    public record View(Map<String, Member> members) {
        public boolean allAnswered() {
            return members.values().stream().allMatch(Member::answered);
        }

        /** Every member answered and routes to every other member, and each of those routes is seen from both ends. */
        public boolean meshWhole() {
            if (!allAnswered()) {
                return false;
            }
            List<Member> all = List.copyOf(members.values());
            for (Member a : all) {
                for (Member b : all) {
                    if (a != b && !a.routeIds().contains(b.serverId())) {
                        return false;
                    }
                }
            }
            return true;
        }

        /** Why the mesh is not whole, for reports. */
        public String describe() {
            StringBuilder b = new StringBuilder();
            members.forEach((endpoint, m) -> {
                if (b.length() > 0) {
                    b.append("; ");
                }
                b.append(endpoint).append(m.answered() ? ": " + m.routeIds().size() + " route(s)" : ": " + m.error());
            });
            return b.toString();
        }

        /** Client connections each member reports (-1: no answer). */
        public Map<String, Integer> connections() {
            Map<String, Integer> out = new LinkedHashMap<>();
            members.forEach((e, m) -> out.put(e, m.answered() ? m.connections() : -1));
            return out;
        }

        public Optional<Member> member(String endpoint) {
            return Optional.ofNullable(members.get(endpoint));
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final List<Server> servers;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    public ClusterProbe(List<Server> servers) {
        this.servers = List.copyOf(servers);
    }

    public List<Server> servers() {
        return servers;
    }

    /** Reads every member at once (2 s per request); never throws. */
    public View read() {
        Map<String, CompletableFuture<Member>> pending = new LinkedHashMap<>();
        for (Server s : servers) {
            pending.put(s.endpoint(), CompletableFuture.supplyAsync(() -> readOne(s), Thread.ofVirtual()::start));
        }
        Map<String, Member> out = new LinkedHashMap<>();
        pending.forEach((e, f) -> out.put(e, f.join()));
        return new View(out);
    }

    private Member readOne(Server s) {
        try {
            JsonNode varz = get(s.monitor(), "/varz");
            JsonNode routez = get(s.monitor(), "/routez");
            Set<String> ids = new LinkedHashSet<>();
            for (JsonNode r : routez.path("routes")) {
                String id = r.path("remote_id").asText("");
                if (!id.isEmpty()) {
                    ids.add(id);
                }
            }
            return new Member(varz.path("server_id").asText(""), varz.path("connections").asInt(), ids, null);
        } catch (Exception e) {
            return new Member("", -1, Set.of(), e instanceof java.net.ConnectException ? "connection refused"
                    : e instanceof java.net.http.HttpTimeoutException ? "no answer" : String.valueOf(e.getMessage()));
        }
    }

    private JsonNode get(URI monitor, String path) throws Exception {
        String base = monitor.toString().replaceAll("/+$", "");
        HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(2)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() != 200) {
            throw new java.io.IOException("HTTP " + r.statusCode() + " from " + path);
        }
        return JSON.readTree(r.body());
    }

    /** "ip:port" of a URL such as tls://127.0.0.12:4222 or nats://127.0.0.12:4222. */
    public static String endpointOf(String url) {
        String u = url.replaceFirst("^[a-z]+://", "");
        int at = u.lastIndexOf('@');
        return at >= 0 ? u.substring(at + 1) : u.replaceAll("/+$", "");
    }
}
