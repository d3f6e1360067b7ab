package dev.mconats.reports.sampling;

import java.util.List;

/**
 * Field names of {@code samples.jsonl}: one JSON object per line, one line per sampling instant (see
 * docs/reports.md). Shared by the writer ({@link MonitorSampler}) and the reader ({@code dev.mconats.reports.samples}).
 */
public final class SampleFormat {
    public static final int VERSION = 1;

    // line
    public static final String V = "v";
    public static final String TIME = "time";
    public static final String EPOCH_MS = "epoch_ms";
    public static final String ELAPSED_S = "elapsed_s";
    public static final String INJECTOR = "injector";
    public static final String SERVERS = "servers";
    public static final String ERROR = "error";

    // injector
    public static final String LIVE_NODES = "live_nodes";
    public static final String RSS_BYTES = "rss_bytes";
    public static final String CPU_PERCENT = "cpu_percent";
    public static final String DISCOVERY_P50_MS = "discovery_p50_ms";
    public static final String DISCOVERY_P99_MS = "discovery_p99_ms";
    public static final String DISCOVERY_REPLIES_MISSING = "discovery_replies_missing";

    // server (names as in nats-server's /varz where they come from it)
    public static final String NAME = "name";
    public static final String URL = "url";
    public static final String FETCH_MS = "fetch_ms";
    public static final String ROUTES = "routes";
    public static final String ROUTES_ERROR = "routes_error";
    /**
     * The server's process, written in the first answer of each server process (server_id) only: {@link #PID},
     * {@link #OPEN_FILES_LIMIT}, {@link #OPEN_FILES} (at that moment), {@link #SOURCE} of the limit.
     */
    public static final String PROCESS = "process";
    public static final String PID = "pid";
    public static final String OPEN_FILES_LIMIT = "open_files_limit";
    public static final String OPEN_FILES = "open_files";
    public static final String SOURCE = "source";
    /** {@link #SOURCE} of a limit declared in the target file rather than read from the process. */
    public static final String SOURCE_TARGET_FILE = "target file";
    /** Numeric /varz fields copied as they are. mem = RSS bytes; cpu = percent of one core over nats-server's last second. */
    public static final List<String> VARZ_NUMBERS = List.of("connections", "total_connections", "subscriptions", "mem",
            "cpu", "cores", "in_msgs", "out_msgs", "in_bytes", "out_bytes", "slow_consumers", "max_connections",
            "max_payload", "max_pending", "tls_timeout", "write_deadline", "ping_interval");
    /** Text /varz fields copied as they are. */
    public static final List<String> VARZ_TEXTS = List.of("server_id", "server_name", "version", "uptime");
    /** Per-route fields copied from /routez. */
    public static final List<String> ROUTE_FIELDS = List.of("rid", "remote_id", "ip", "port", "did_solicit",
            "pending_size", "in_msgs", "out_msgs", "in_bytes", "out_bytes", "subscriptions", "rtt");

    private SampleFormat() {
    }
}
