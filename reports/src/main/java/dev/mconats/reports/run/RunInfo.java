package dev.mconats.reports.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mconats.reports.progress.Timeline;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What a committed run folder says about itself: its run.json (target, NATS version, key config), conformance
 * summary, and the Gatling report if there is one. A run.json that cannot be read is a {@link #problem()}, not an
 * exception: one broken run must not hide the others.
 */
public record RunInfo(Path dir, String id, String kind, String started, String finished, String target,
                      String natsVersion, Map<String, String> config, Optional<ConformanceSummary> conformance,
                      Optional<Path> conformanceHtml, Optional<Path> gatlingIndex, Optional<Path> samples,
                      String problem) {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> KNOWN = Set.of("id", "kind", "started", "finished", "target", "nats_version", "config",
            Timeline.KEY);
    private static final List<String> SECRET_WORDS = List.of("password", "secret", "token", "credential");

    public static RunInfo read(Path dir) {
        String id = dir.getFileName().toString();
        Optional<ConformanceSummary> conf = ConformanceSummary.read(dir);
        Optional<Path> confHtml = exists(dir.resolve("conformance").resolve("report.html"));
        Optional<Path> gatling = gatlingIndex(dir);
        Optional<Path> samples = exists(dir.resolve("samples.jsonl"));
        JsonNode run;
        try {
            run = JSON.readTree(dir.resolve("run.json").toFile());
            if (run == null || !run.isObject()) {
                throw new IOException("not a JSON object");
            }
        } catch (IOException e) {
            String why = e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
            return new RunInfo(dir, id, "?", null, null, null, null, Map.of(), conf, confHtml, gatling, samples,
                    "run.json unreadable: " + why);
        }
        Map<String, String> config = new LinkedHashMap<>();
        if (run.path("config").isObject()) {
            flatten("", run.get("config"), config);
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = run.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!KNOWN.contains(e.getKey())) {
                flatten(e.getKey(), e.getValue(), config);
            }
        }
        JsonNode t = run.get("target");
        String target = t == null || t.isNull() ? null : t.isObject() ? t.path("name").asText(null) : t.asText();
        if (t != null && t.isObject()) {
            Map<String, String> tc = new LinkedHashMap<>();
            flatten("target", t, tc);
            tc.remove("target.name");
            config.putAll(tc);
        }
        return new RunInfo(dir, text(run, "id", id), text(run, "kind", "?"), text(run, "started", null),
                text(run, "finished", null), target, text(run, "nats_version", null), config, conf, confHtml, gatling,
                samples, null);
    }

    /** When each phase of the run began, with the figures at that moment (empty for runs without a timeline). */
    public List<Timeline.Mark> timeline() {
        return Timeline.read(dir);
    }

    private static String text(JsonNode n, String f, String dflt) {
        JsonNode v = n.get(f);
        return v == null || v.isNull() ? dflt : v.asText();
    }

    /** Key config as flat "a.b" = value pairs; values under secret-sounding keys are never shown. */
    private static void flatten(String prefix, JsonNode n, Map<String, String> out) {
        if (n.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                flatten(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue(), out);
            }
        } else if (n.isArray()) {
            List<String> items = new ArrayList<>();
            n.forEach(x -> items.add(x.isValueNode() ? x.asText() : x.toString()));
            out.put(prefix, redact(prefix, String.join(", ", items)));
        } else if (!n.isNull()) {
            out.put(prefix, redact(prefix, n.asText()));
        }
    }

    private static String redact(String key, String value) {
        String k = key.toLowerCase(Locale.ROOT);
        return SECRET_WORDS.stream().anyMatch(k::contains) ? "(hidden)" : value;
    }

    private static Optional<Path> exists(Path p) {
        return Files.isRegularFile(p) ? Optional.of(p) : Optional.empty();
    }

    /** The shallowest gatling/**&#47;index.html (Gatling writes one report folder per simulation run). */
    static Optional<Path> gatlingIndex(Path dir) {
        Path g = dir.resolve("gatling");
        if (!Files.isDirectory(g)) {
            return Optional.empty();
        }
        try (Stream<Path> walk = Files.walk(g, 4)) {
            return walk.filter(p -> p.getFileName().toString().equals("index.html"))
                    .min(Comparator.comparingInt(Path::getNameCount).thenComparing(Path::toString));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
