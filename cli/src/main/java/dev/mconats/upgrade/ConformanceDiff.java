package dev.mconats.upgrade;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Conformance of B against A, per check and node, from the two runs' {@code conformance/results.json}: what B breaks
 * (PASS in A, FAIL in B), what it fixes, and any other change of status.
 */
public record ConformanceDiff(List<Change> changes, int comparedResults) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One check on one node whose status differs. */
    public record Change(String checkId, String node, String statusA, String statusB, String messageB) {
        public boolean regression() {
            return "PASS".equals(statusA) && ("FAIL".equals(statusB) || "MISSING".equals(statusB))
                    || "WARN".equals(statusA) && "FAIL".equals(statusB);
        }

        public boolean fix() {
            return "FAIL".equals(statusA) && ("PASS".equals(statusB) || "WARN".equals(statusB));
        }
    }

    public static ConformanceDiff of(Path resultsA, Path resultsB) {
        Map<String, String[]> a = read(resultsA);
        Map<String, String[]> b = read(resultsB);
        Set<String> keys = new LinkedHashSet<>(a.keySet());
        keys.addAll(b.keySet());
        List<Change> changes = new ArrayList<>();
        for (String k : keys) {
            String[] ra = a.getOrDefault(k, new String[] {"MISSING", ""});
            String[] rb = b.getOrDefault(k, new String[] {"MISSING", ""});
            if (!ra[0].equals(rb[0])) {
                String[] idNode = k.split("\u0000", 2);
                changes.add(new Change(idNode[0], idNode[1], ra[0], rb[0], rb[1]));
            }
        }
        return new ConformanceDiff(List.copyOf(changes), keys.size());
    }

    public List<Change> regressions() {
        return changes.stream().filter(Change::regression).toList();
    }

    public List<Change> fixes() {
        return changes.stream().filter(Change::fix).toList();
    }

    /** check id + NUL + node -> {status, message}. */
    private static Map<String, String[]> read(Path results) {
        JsonNode root;
        try {
            root = JSON.readTree(results.toFile());
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read conformance results " + results + ": " + e.getMessage());
        }
        Map<String, String[]> out = new LinkedHashMap<>();
        for (JsonNode check : root.path("checks")) {
            String id = check.path("id").asText();
            for (JsonNode r : check.path("results")) {
                out.put(id + "\u0000" + r.path("node").asText(), new String[] {r.path("status").asText(), r.path("message").asText()});
            }
        }
        return out;
    }
}
