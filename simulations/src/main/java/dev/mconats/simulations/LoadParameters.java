package dev.mconats.simulations;

import dev.mconats.cluster.FaultKind;
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

    /**
     * Every parameter name, with what it means: a name not listed here is refused (a misspelt one would otherwise
     * be ignored and its default used). A new parameter is one line here and its typed accessor below; the table in
     * docs/load.md is checked against this list.
     */
    static final Map<String, String> KNOWN = known(
            "preset", "named parameter set: " + String.join(", ", new java.util.TreeSet<>(PRESETS.keySet())),
            "target", "target file (default: the embedded default)",
            "nodes", "simulated nodes (this injector's share: see shard)",
            "clients", "clients issuing discovery (default: one per server)",
            "rounds", "measured discovery rounds at steady state",
            "warmup-rounds", "discovery rounds before the measured ones",
            "round-interval", "pause before each round, seconds",
            "directed", "targets of the directed rpcutil ping after each discovery",
            "discovery-timeout", "deadline of each request, seconds",
            "ramp-rate", "node users started per second",
            "connect-concurrency", "handshakes in flight in this injector",
            "connect-retry", "how long a node whose connect fails retries, seconds",
            "connect-warmup", "node connections to an in-process endpoint before the fleet connects (JIT warm-up); default from 1,000 nodes a fifth of this injector's nodes, at most 2,000; 0: off",
            "node-connect-timeout", "each node's connect deadline (TCP, INFO, TLS, the confirmed CONNECT), seconds; default 2 as Choria",
            "fleet-ready-timeout", "how long clients wait for the whole fleet, seconds",
            "collectives", "collectives, comma separated",
            "agents", "agents per node",
            "registration-interval", "seconds between registration publishes per node (0: off)",
            "node-cert", "node certificate (PEM)",
            "node-key", "node private key (PEM)",
            "per-node-certs", "one certificate per node identity",
            "p99-bound-ms", "assertion bound: p99 of discovery time-to-all-replies",
            "fault", "storms: kill (SIGKILL) or stop (SIGTERM) a member",
            "down-for", "storms: seconds a member stays down before it is started again",
            "storm-member", "ReconnectStorm: the member that goes down, by position (1-based) or name",
            "members", "storms: member folders of a local deployment (default: found beside the target file)",
            "replace-with", "storms: what replaces each member (binary for processes, image for containers)",
            "replace-config", "storms: file of config lines the replacement adds to each member",
            "member-ready-timeout", "storms: how long a started member may take to answer its monitor, seconds",
            "mesh-timeout", "storms: from the restart, how long the route mesh may take to be whole, seconds",
            "recovery-timeout", "storms: from the fault, how long the fleet may take to reconnect, seconds",
            "recovery-bound-ms", "storms, assertion bound: fault to every affected node connected again",
            "server-pids", "PIDs of local servers whose CPU is measured",
            "shard", "this injector's shard",
            "shards", "injectors in the fleet",
            "fleet-run", "name shared by the injectors of one sharded run",
            "output", "where samples.jsonl and load-summary.json go",
            "sample-interval-ms", "sampling interval",
            "settle-gc", "collect the injector's heap before every round",
            "max-duration", "hard end of the simulation, seconds");

    /**
     * The opt-in for servers outside loopback is not a parameter: a system property could come from
     * MCO_NATS_INJECTOR_JAVA_OPTS without the operator's command line or target file saying so.
     */
    static final String OPT_IN = "allow-non-loopback";

    private final Map<String, String> values;

    private LoadParameters(Map<String, String> values) {
        checkNames(values.keySet());
        this.values = values;
    }

    private static Map<String, String> known(String... nameThenMeaning) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < nameThenMeaning.length; i += 2) {
            m.put(nameThenMeaning[i], nameThenMeaning[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(m);
    }

    /** Fails, naming the parameter, when a name is not a parameter (the front door checks before it starts anything). */
    public static void checkNames(Iterable<String> names) {
        for (String n : names) {
            if (n.equals(OPT_IN)) {
                throw new TargetException(PREFIX + OPT_IN + ": not accepted as a parameter; load outside 127.0.0.0/8 is "
                        + "allowed by the target file (load { allow-non-loopback = true }) or by mco-nats --allow-non-loopback");
            }
            if (!KNOWN.containsKey(n)) {
                throw new TargetException(PREFIX + n + ": unknown parameter (see docs/load.md, \"Parameters\")");
            }
        }
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

    // ------------------------------------------------------------ the parameters

    /** Target file; default: the embedded default's single-node target under $MCO_NATS_HOME or ./.local (or ../.local). */
    public Path target() {
        return target("single");
    }

    /** Like {@link #target()}, defaulting to the embedded default's {@code deployment} ("single" or "cluster"). */
    public Path target(String deployment) {
        requireKnown("target");
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

    /**
     * Connect warm-up handshakes before the fleet connects ({@code localNodes}: this injector's share); by default none
     * below 1,000 nodes, whose connect phase is too short for the JIT's share to matter and would wait for it instead.
     */
    public int connectWarmup(int localNodes) {
        return integer("connect-warmup", localNodes < 1_000 ? 0 : Math.min(2_000, localNodes / 5), 0, 100_000);
    }

    public Duration connectRetry() {
        return seconds("connect-retry", 300);
    }

    /**
     * A node's connect deadline: 2 s, nats.go's default, which Choria's connector keeps (it sets no nats.Timeout). A
     * side-by-side with a peer that sets another one (the Go peer: 10 s) sets the same here.
     */
    public Duration nodeConnectTimeout() {
        Duration d = seconds("node-connect-timeout", 2);
        if (d.toMillis() < 100) {
            throw bad("node-connect-timeout", "must be at least 0.1 s, got " + values.get("node-connect-timeout"));
        }
        return d;
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

    // ------------------------------------------------------------ storms (ReconnectStorm, RollingRestart)

    /** How a storm takes a member down: kill (SIGKILL, a crash) or stop (SIGTERM, graceful). */
    public FaultKind fault(FaultKind def) {
        String s = values.get("fault");
        if (s == null || s.isEmpty()) {
            return def;
        }
        try {
            return FaultKind.parse(s);
        } catch (IllegalArgumentException e) {
            throw bad("fault", e.getMessage());
        }
    }

    /** How long a member stays down before it is started again. */
    public Duration downFor(long defaultSeconds) {
        return seconds("down-for", defaultSeconds);
    }

    /** ReconnectStorm: which member goes down, by position (1-based) or name; default the second (the only one of one). */
    public Optional<String> stormMember() {
        return Optional.ofNullable(values.get("storm-member")).filter(s -> !s.isEmpty());
    }

    /**
     * Member folders of a local deployment a storm may stop and start (each with nats-server.conf and a PID file or
     * container.id), or the deployment's cluster folder holding node1..n; default: found beside the target file.
     */
    public List<Path> members() {
        return list("members", List.of()).stream().map(Path::of).map(Path::toAbsolutePath).toList();
    }

    /** Upgrade step: what replaces each member (a nats-server binary for processes, an image for containers). */
    public Optional<String> replaceWith() {
        return Optional.ofNullable(values.get("replace-with")).filter(s -> !s.isEmpty());
    }

    /** Upgrade step: a file of config lines the replacement adds to each member's config. */
    public Optional<Path> replaceConfig() {
        return path("replace-config");
    }

    /** How long a member started again may take to answer on its monitor port. */
    public Duration memberReadyTimeout() {
        return seconds("member-ready-timeout", 60);
    }

    /** From the restart, how long the route mesh may take to be whole again. */
    public Duration meshTimeout() {
        return seconds("mesh-timeout", 60);
    }

    /** From the fault, how long the fleet may take to be connected again. */
    public Duration recoveryTimeout() {
        return seconds("recovery-timeout", 180);
    }

    /** Assertion bound of a storm: fault to every affected node connected again, ms. */
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
        requireKnown("fleet-run");
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
        return maxDuration(0, Duration.ZERO);
    }

    /** The run's bound with {@code faultSteps} storm steps, each keeping its member down for {@code downFor}. */
    public Duration maxDuration(int faultSteps, Duration downFor) {
        long round = roundInterval().toSeconds() + discoveryTimeout().toSeconds();
        long estimate = fleetReadyTimeout().toSeconds() + (warmupRounds() + rounds()) * round + 120
                + faultSteps * (downFor.toSeconds() + memberReadyTimeout().toSeconds() + recoveryTimeout().toSeconds()
                + (rounds() + 1) * round + 30);
        return seconds("max-duration", estimate);
    }

    // ------------------------------------------------------------ typed reads

    private int integer(String key, int def, int min, int max) {
        requireKnown(key);
        long v = (long) number(key, def, min, max);
        if (values.containsKey(key) && !values.get(key).matches("-?\\d+")) {
            throw bad(key, "expected a whole number, got '" + values.get(key) + "'");
        }
        return (int) v;
    }

    private double number(String key, double def, double min, double max) {
        requireKnown(key);
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
        requireKnown(key);
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
        requireKnown(key);
        String s = values.get(key);
        if (s == null || s.isEmpty()) {
            return def;
        }
        return Arrays.stream(s.split(",")).map(String::trim).filter(x -> !x.isEmpty()).toList();
    }

    private Optional<Path> path(String key) {
        requireKnown(key);
        return Optional.ofNullable(values.get(key)).filter(s -> !s.isEmpty()).map(Path::of).map(Path::toAbsolutePath);
    }

    // A parameter read here but not listed in KNOWN could never be set: a programming error, caught by the tests.
    private static void requireKnown(String key) {
        if (!KNOWN.containsKey(key)) {
            throw new IllegalStateException("parameter '" + key + "' is read but not declared in LoadParameters.KNOWN");
        }
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
