package dev.mconats.simulations;

import dev.mconats.targetmodel.TargetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;


/**
 * Parameters of a load run, from system properties {@code mconats.load.<name>} (so they work the same through the
 * load command, {@code gatling:test} and tests). A preset ({@code mconats.load.preset}) supplies defaults that
 * explicit properties override. Every bad value fails in one line naming the property.
 */
public final class LoadParameters {
    public static final String PREFIX = "mconats.load.";

    /** Named parameter sets; "smoke" is the main job's short run on the embedded default. */
    public static final Map<String, Map<String, String>> PRESETS = Map.of(
            "smoke", Map.of("nodes", "2000", "rounds", "3", "round-interval", "3", "directed", "10", "ramp-rate", "250",
                    "connect-concurrency", "16"),
            "small", Map.of("nodes", "50", "rounds", "2", "round-interval", "1", "directed", "5", "ramp-rate", "100"),
            "fleet", Map.of("nodes", "19000", "rounds", "5", "round-interval", "5", "directed", "10", "ramp-rate", "400",
                    "connect-concurrency", "48", "fleet-ready-timeout", "600"));

    private final Map<String, String> values;

    private LoadParameters(Map<String, String> values) {
        this.values = values;
    }

    public static LoadParameters fromSystemProperties() {
        Map<String, String> v = new LinkedHashMap<>();
        String preset = System.getProperty(PREFIX + "preset", "").trim();
        if (!preset.isEmpty()) {
            Map<String, String> p = PRESETS.get(preset);
            if (p == null) {
                throw new TargetException(PREFIX + "preset: unknown preset '" + preset + "' (one of " + PRESETS.keySet() + ")");
            }
            v.putAll(p);
            v.put("preset", preset);
        }
        System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith(PREFIX))
                .forEach(k -> v.put(k.substring(PREFIX.length()), System.getProperty(k).trim()));
        return new LoadParameters(v);
    }

    public static LoadParameters of(Map<String, String> values) {
        return new LoadParameters(new LinkedHashMap<>(values));
    }

    public Map<String, String> asMap() {
        return Map.copyOf(values);
    }

    // ------------------------------------------------------------ the parameters

    /** Target file; default: the embedded default's single-node target under $MCO_NATS_HOME or ./.local (or ../.local). */
    public Path target() {
        return target("single");
    }

    /** Like {@link #target()}, defaulting to the embedded default's {@code deployment} ("single" or "cluster"). */
    public Path target(String deployment) {
        String t = values.get("target");
        if (t != null && !t.isEmpty()) {
            return Path.of(t).toAbsolutePath();
        }
        List<Path> candidates = new ArrayList<>();
        String home = System.getenv("MCO_NATS_HOME");
        if (home != null && !home.isBlank()) {
            candidates.add(Path.of(home, deployment, "target.conf"));
        }
        candidates.add(Path.of(".local", deployment, "target.conf"));
        candidates.add(Path.of("..", ".local", deployment, "target.conf"));
        return candidates.stream().filter(Files::isRegularFile).findFirst().map(p -> p.toAbsolutePath().normalize())
                .orElseThrow(() -> new TargetException(PREFIX + "target: not set and no embedded default found "
                        + "(run './mco-nats local up' or pass a target file)"));
    }

    public int nodes() {
        return integer("nodes", 100, 0, 1_000_000);
    }

    /** Clients issuing discovery; default one per server (so in a cluster every member has one). */
    public Optional<Integer> clients() {
        return values.containsKey("clients") ? Optional.of(integer("clients", 1, 1, 1000)) : Optional.empty();
    }

    public int rounds() {
        return integer("rounds", 3, 1, 100_000);
    }

    /**
     * Discovery rounds before the measured ones, reported apart as "discovery (warm-up)": the first broadcast after
     * the ramp also pays one-off costs (every node's first request: TLS and jnats buffers grown to request size, the
     * server's first delivery to each connection), which steady-state rounds do not.
     */
    public int warmupRounds() {
        return integer("warmup-rounds", 1, 0, 100);
    }

    public Duration roundInterval() {
        return seconds("round-interval", 5);
    }

    /** Targets of each directed rpcutil ping (0: none). */
    public int directed() {
        return integer("directed", 10, 0, 10_000);
    }

    public Duration discoveryTimeout() {
        return seconds("discovery-timeout", 10);
    }

    /** Node users started per second during the ramp (ConnectStorm starts them all at once). */
    public double rampRate() {
        return number("ramp-rate", 200, 0.1, 1_000_000);
    }

    public int connectConcurrency() {
        return connectConcurrency(64);
    }

    public int connectConcurrency(int def) {
        return integer("connect-concurrency", def, 1, 100_000);
    }

    public Duration connectRetry() {
        return seconds("connect-retry", 300);
    }

    public Duration fleetReadyTimeout() {
        double ramp = nodes() / rampRate();
        return seconds("fleet-ready-timeout", Math.max(60, (long) Math.ceil(ramp * 2) + 60));
    }

    public List<String> collectives() {
        return list("collectives", List.of("mcollective"));
    }

    public int agents() {
        return integer("agents", 2, 2, 1000);
    }

    public Duration registrationInterval() {
        return seconds("registration-interval", 0);
    }

    public Optional<Path> nodeCert() {
        return path("node-cert");
    }

    public Optional<Path> nodeKey() {
        return path("node-key");
    }

    public boolean perNodeCerts() {
        return bool("per-node-certs", false);
    }

    /** Assertion bound: p99 of discovery time-to-all-replies, ms. */
    public int p99BoundMillis() {
        return integer("p99-bound-ms", 3000, 1, 3_600_000);
    }

    /** Node folder of the cluster member the ReconnectStorm kills. */
    public Optional<Path> killMember() {
        return path("kill-member");
    }

    public Duration recoveryTimeout() {
        return seconds("recovery-timeout", 180);
    }

    /** Assertion bound for the ReconnectStorm: kill to full recovery, ms. */
    public int recoveryBoundMillis() {
        return integer("recovery-bound-ms", 120_000, 1, 3_600_000);
    }

    /** Where samples.jsonl and load-summary.json go. */
    public Path output() {
        return path("output").orElse(Path.of("target", "mconats-load")).toAbsolutePath();
    }

    public Duration sampleInterval() {
        return Duration.ofMillis(integer("sample-interval-ms", 1000, 100, 60_000));
    }

    /** PIDs of local server processes, to measure their CPU per handshake. */
    public List<Long> serverPids() {
        List<Long> out = new ArrayList<>();
        for (String s : list("server-pids", List.of())) {
            try {
                out.add(Long.parseLong(s));
            } catch (NumberFormatException e) {
                throw new TargetException(PREFIX + "server-pids: not a PID: '" + s + "'");
            }
        }
        return out;
    }

    public int shard() {
        return integer("shard", 0, 0, 10_000);
    }

    public int shards() {
        return integer("shards", 1, 1, 10_000);
    }

    /**
     * Name shared by the injectors of one sharded run (FleetScaling): they talk on {@code mconats.fleet.<name>.>}, so
     * two fleet runs on one cluster do not mix.
     */
    public String fleetRun() {
        String s = values.getOrDefault("fleet-run", "fleet");
        if (!s.matches("[A-Za-z0-9_-]{1,64}")) {
            throw bad("fleet-run", "expected 1-64 letters, digits, '-' or '_', got '" + s + "'");
        }
        return s;
    }

    /** Collect the injector's heap before each round, while the fleet is idle (see HeapSettler). */
    public boolean settleGc() {
        return bool("settle-gc", true);
    }

    public Duration maxDuration() {
        long estimate = fleetReadyTimeout().toSeconds() + (warmupRounds() + rounds()) * (roundInterval().toSeconds() + discoveryTimeout().toSeconds())
                + recoveryTimeout().toSeconds() + 120;
        return seconds("max-duration", estimate);
    }

    // ------------------------------------------------------------ typed reads

    private int integer(String key, int def, int min, int max) {
        long v = (long) number(key, def, min, max);
        if (values.containsKey(key) && !values.get(key).matches("-?\\d+")) {
            throw bad(key, "expected a whole number, got '" + values.get(key) + "'");
        }
        return (int) v;
    }

    private double number(String key, double def, double min, double max) {
        String s = values.get(key);
        if (s == null || s.isEmpty()) {
            return def;
        }
        double v;
        try {
            v = Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw bad(key, "expected a number, got '" + s + "'");
        }
        if (v < min || v > max) {
            throw bad(key, s + " is outside " + fmt(min) + ".." + fmt(max));
        }
        return v;
    }

    private Duration seconds(String key, long def) {
        return Duration.ofMillis((long) (number(key, def, 0, 86_400) * 1000));
    }

    private boolean bool(String key, boolean def) {
        String s = values.get(key);
        if (s == null || s.isEmpty()) {
            return def;
        }
        if (!s.equalsIgnoreCase("true") && !s.equalsIgnoreCase("false")) {
            throw bad(key, "expected true or false, got '" + s + "'");
        }
        return Boolean.parseBoolean(s);
    }

    private List<String> list(String key, List<String> def) {
        String s = values.get(key);
        if (s == null || s.isEmpty()) {
            return def;
        }
        return Arrays.stream(s.split(",")).map(String::trim).filter(x -> !x.isEmpty()).toList();
    }

    private Optional<Path> path(String key) {
        return Optional.ofNullable(values.get(key)).filter(s -> !s.isEmpty()).map(Path::of).map(Path::toAbsolutePath);
    }

    private static TargetException bad(String key, String why) {
        return new TargetException(PREFIX + key + ": " + why);
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
    }

    /** For summaries: the values given, with presets applied. */
    public Map<String, String> given() {
        return Map.copyOf(values);
    }

}
