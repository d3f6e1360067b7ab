package dev.mconats.reports.progress;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * When each phase of a run began, with the figures at that moment (nodes live, handshakes, missing replies): written
 * into run.json as {@code timeline} by the command that ran it, read back by {@link #read(Path)} for the report. A new
 * mark is taken whenever the phase or its detail changes ("round 1 of 3" then "round 2 of 3").
 */
public final class Timeline {
    public static final String KEY = "timeline";

    /** @param figures counts at the moment the phase began (live, target, handshakes, failed, missing_replies) */
    public record Mark(Phase phase, String detail, long atMillis, Map<String, Long> figures) {
        public Mark {
            figures = Collections.unmodifiableMap(new LinkedHashMap<>(figures));
        }

        public String text() {
            return phase.text(detail);
        }
    }

    private final List<Mark> marks = new ArrayList<>();

    /** Adds a mark unless the run is already in this phase with this detail; times never run backwards. */
    public synchronized boolean mark(Phase phase, String detail, long atMillis, Map<String, Long> figures) {
        Mark last = marks.isEmpty() ? null : marks.get(marks.size() - 1);
        String d = detail == null ? "" : detail;
        if (last != null && last.phase() == phase && last.detail().equals(d)) {
            return false;
        }
        marks.add(new Mark(phase, d, last == null ? atMillis : Math.max(atMillis, last.atMillis()), figures));
        return true;
    }

    public boolean mark(Phase phase, String detail, long atMillis) {
        return mark(phase, detail, atMillis, Map.of());
    }

    /** Marks the record's phase, with its figures, if it is a new one. */
    public boolean observe(Progress p) {
        return mark(p.phase(), p.detail(), p.atMillis(), figures(p));
    }

    public synchronized List<Mark> marks() {
        return List.copyOf(marks);
    }

    /** The figures a mark keeps: nodes live and their target, handshakes and failed ones, missing replies. */
    public static Map<String, Long> figures(Progress p) {
        Map<String, Long> f = new LinkedHashMap<>();
        if (p.nodes() != null) {
            f.put("live", p.nodes().live());
            f.put("target", p.nodes().target());
        }
        if (p.handshakes() != null) {
            f.put("handshakes", p.handshakes().ok());
            f.put("failed_handshakes", p.handshakes().failed());
        }
        f.put("missing_replies", p.missingReplies());
        return f;
    }

    /** For run.json: one object per mark, in order, with its offset from the first mark in seconds. */
    public synchronized List<Map<String, Object>> toJson() {
        List<Map<String, Object>> out = new ArrayList<>();
        long start = marks.isEmpty() ? 0 : marks.get(0).atMillis();
        for (Mark m : marks) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("phase", m.phase().id());
            if (!m.detail().isEmpty()) {
                o.put("detail", m.detail());
            }
            o.put("text", m.text());
            o.put("at", Instant.ofEpochMilli(m.atMillis()).toString());
            o.put("offset_s", (m.atMillis() - start) / 1000.0);
            o.putAll(m.figures());
            out.add(o);
        }
        return out;
    }

    /** The timeline in a committed run folder's run.json; empty when it has none (older runs, conformance). */
    public static List<Mark> read(Path runDir) {
        try {
            JsonNode run = new ObjectMapper().readTree(runDir.resolve("run.json").toFile());
            return run == null ? List.of() : fromJson(run.path(KEY));
        } catch (IOException e) {
            return List.of();
        }
    }

    static List<Mark> fromJson(JsonNode array) {
        List<Mark> out = new ArrayList<>();
        if (!array.isArray()) {
            return out;
        }
        for (JsonNode o : array) {
            Phase phase;
            try {
                phase = Phase.ofId(o.path("phase").asText());
            } catch (IllegalArgumentException e) {
                continue; // a phase this version does not know
            }
            Map<String, Long> figures = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getValue().isIntegralNumber()) {
                    figures.put(e.getKey(), e.getValue().asLong());
                }
            }
            long at;
            try {
                at = Instant.parse(o.path("at").asText()).toEpochMilli();
            } catch (RuntimeException e) {
                continue;
            }
            out.add(new Mark(phase, o.path("detail").asText(""), at, figures));
        }
        return out;
    }
}
