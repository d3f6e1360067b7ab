package dev.mconats.conformance.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mconats.conformance.CheckResult;
import dev.mconats.conformance.SuiteResult;
import java.io.IOException;
import java.nio.file.Path;

/** {@code results.json}: the whole run, machine-readable (the index, comparisons and CI annotations read it). */
public final class ResultsJson {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ResultsJson() {
    }

    public static ObjectNode toJson(SuiteResult r) {
        ObjectNode root = JSON.createObjectNode();
        root.put("target", r.target());
        root.put("targetFile", r.targetFile());
        root.put("discovery", r.discovery());
        ArrayNode servers = root.putArray("servers");
        r.servers().forEach(servers::add);
        root.put("started", r.started().toString());
        root.put("durationMs", r.duration().toMillis());
        ObjectNode counts = root.putObject("counts");
        r.counts().forEach((s, n) -> counts.put(s.name(), n));
        root.put("status", r.status().name());
        root.put("headline", r.headline());
        root.put("strict", r.strict());
        ArrayNode checks = root.putArray("checks");
        for (SuiteResult.CheckRun c : r.checks()) {
            ObjectNode o = checks.addObject();
            o.put("id", c.id());
            o.put("requirement", c.requirement());
            o.put("source", c.source());
            o.put("status", c.status().name());
            o.put("durationMs", c.duration().toMillis());
            ArrayNode results = o.putArray("results");
            for (CheckResult res : c.results()) {
                ObjectNode x = results.addObject();
                x.put("node", res.nodeLabel());
                x.put("status", res.status().name());
                x.put("message", res.message());
                x.put("durationMs", res.duration().toMillis());
                ArrayNode ev = x.putArray("evidence");
                res.evidence().forEach(ev::add);
            }
        }
        return root;
    }

    public static void write(SuiteResult r, Path file) throws IOException {
        JSON.writeValue(file.toFile(), toJson(r));
    }
}
