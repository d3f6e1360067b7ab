package dev.mconats.reports.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mconats.reports.storm.StormResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a load run's {@code load-summary.json} says about its claims: the simulation, each Gatling assertion with
 * whether it held, and the storm results of a reconnect storm or rolling restart. A file that cannot be read is a
 * {@link #problem()}, not an exception.
 *
 * @param claimsHeld            whether every assertion held (Gatling's verdict); empty when the file does not say
 * @param discoveryMedianMillis median time from a discovery broadcast to its last reply; NaN unknown
 */
public record LoadResult(String simulation, Optional<Boolean> claimsHeld, List<Assertion> assertions,
                         double discoveryMedianMillis, Optional<StormResult> storm, String problem) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One Gatling assertion line ("discovery: ... : true (actual : 100.0)"). */
    public record Assertion(String text, boolean held) {
    }

    public LoadResult {
        assertions = List.copyOf(assertions);
    }

    public static Optional<LoadResult> read(Path runDir) {
        Path file = runDir.resolve("load-summary.json");
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
            if (root == null || !root.isObject()) {
                throw new IOException("not a JSON object");
            }
        } catch (IOException e) {
            String why = e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
            return Optional.of(new LoadResult(null, Optional.empty(), List.of(), Double.NaN, Optional.empty(),
                    "load-summary.json unreadable: " + why));
        }
        JsonNode g = root.path("gatling");
        List<Assertion> assertions = new ArrayList<>();
        for (JsonNode a : g.path("assertions")) {
            String line = a.asText();
            assertions.add(new Assertion(line, line.matches(".* : true \\(.*\\)$")));
        }
        Optional<Boolean> held = g.path("assertions_passed").isBoolean() ? Optional.of(g.get("assertions_passed").asBoolean())
                : g.path("exit_code").isNumber() ? Optional.of(g.get("exit_code").asInt() == 0) : Optional.empty();
        String simulation = root.path("simulation").isTextual() ? root.get("simulation").asText() : null;
        JsonNode p50 = root.path("requests").path("discovery").path("p50_ms");
        return Optional.of(new LoadResult(simulation, held, assertions, p50.isNumber() ? p50.asDouble() : Double.NaN,
                StormResult.parse(root.get("storm")), null));
    }
}
