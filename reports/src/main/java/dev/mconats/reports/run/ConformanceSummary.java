package dev.mconats.reports.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The conformance outcome of a run, read from {@code conformance/results.json}. Tolerant of the shape: either a
 * {@code summary} object of counts, or an array of results (top level, or under {@code results} / {@code checks})
 * whose entries carry an id ({@code id} / {@code check} / {@code name}) and a status ({@code status} /
 * {@code outcome} / {@code result}). Counts are per status as written, upper-cased; passed, skipped, warned and
 * failed are told apart (a skip is not a pass).
 *
 * @param headline the suite's own one-line verdict ("PASSED with 3 SKIPPED, 1 WARN"), when it wrote one
 * @param strict   whether the suite ran in strict mode (a skip or warning fails it); null when not said
 */
public record ConformanceSummary(Map<String, Integer> counts, List<Failure> failures, String headline, Boolean strict,
                                 String problem) {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> FAILING = List.of("FAIL", "FAILED", "FAILURE", "ERROR", "ERRORED", "BROKEN");
    private static final List<String> PASSING = List.of("PASS", "PASSED", "OK", "SUCCESS");
    private static final List<String> SKIPPED = List.of("SKIP", "SKIPPED");
    private static final List<String> WARNED = List.of("WARN", "WARNED", "WARNING");

    /** A check that did not pass. */
    public record Failure(String id, String status, String message) {
    }

    public static Optional<ConformanceSummary> read(Path runDir) {
        Path file = runDir.resolve("conformance").resolve("results.json");
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (IOException e) {
            return Optional.of(new ConformanceSummary(Map.of(), List.of(), null, null, "conformance/results.json is not valid JSON: "
                    + (e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage() : e.getMessage())));
        }
        Map<String, Integer> counts = new LinkedHashMap<>();
        List<Failure> failures = new ArrayList<>();
        JsonNode results = root.isArray() ? root : root.has("results") ? root.get("results") : root.get("checks");
        if (results != null && results.isArray()) {
            for (JsonNode r : results) {
                String status = first(r, "status", "outcome", "result");
                if (status == null) {
                    continue;
                }
                status = status.toUpperCase(Locale.ROOT);
                counts.merge(status, 1, Integer::sum);
                if (FAILING.contains(status)) {
                    failures.add(new Failure(first(r, "id", "check", "name"), status, first(r, "message", "detail", "reason")));
                }
            }
        }
        if (counts.isEmpty() && root.path("summary").isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = root.get("summary").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getValue().isIntegralNumber()) {
                    counts.put(e.getKey().toUpperCase(Locale.ROOT), e.getValue().asInt());
                }
            }
        }
        String problem = counts.isEmpty() ? "conformance/results.json holds no recognisable results" : null;
        String headline = root.path("headline").isTextual() ? root.get("headline").asText() : null;
        Boolean strict = root.path("strict").isBoolean() ? root.get("strict").asBoolean() : null;
        return Optional.of(new ConformanceSummary(counts, failures, headline, strict, problem));
    }

    private static String first(JsonNode n, String... names) {
        for (String f : names) {
            JsonNode v = n.get(f);
            if (v != null && v.isValueNode() && !v.isNull()) {
                return v.asText();
            }
        }
        return null;
    }

    public int failing() {
        return sum(FAILING);
    }

    public int passed() {
        return sum(PASSING);
    }

    public int skipped() {
        return sum(SKIPPED);
    }

    public int warned() {
        return sum(WARNED);
    }

    /** Results under a status that is none of the four (shown apart, never counted as passed). */
    public int other() {
        return total() - failing() - passed() - skipped() - warned();
    }

    private int sum(List<String> statuses) {
        return counts.entrySet().stream().filter(e -> statuses.contains(e.getKey())).mapToInt(Map.Entry::getValue).sum();
    }

    public int total() {
        return counts.values().stream().mapToInt(Integer::intValue).sum();
    }
}
