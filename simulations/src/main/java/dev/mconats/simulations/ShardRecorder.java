package dev.mconats.simulations;

import dev.mconats.fleet.FleetState;
import dev.mconats.gatling.internal.InjectorStats;
import dev.mconats.gatling.internal.NatsRun;
import dev.mconats.reports.fleet.HistogramLog;
import dev.mconats.reports.fleet.ShardRecord;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * This injector's mergeable record: every interval, the OK response times of each request name (and per-reply
 * latencies) go into the HdrHistogram interval log, so an injector that dies still leaves what it measured; at the
 * end the counters go into fleet-record.json. {@code mco-nats merge} adds the records of all shards up.
 */
final class ShardRecorder implements AutoCloseable {
    private final NatsRun run;
    private final HistogramLog log;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("shard-recorder").daemon().factory());

    private ShardRecorder(NatsRun run, HistogramLog log, Duration interval) {
        this.run = run;
        this.log = log;
        timer.scheduleAtFixedRate(this::flushInterval, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    static ShardRecorder start(NatsRun run, Path dir, Duration interval) {
        return new ShardRecorder(run, HistogramLog.create(dir, System.currentTimeMillis()), interval);
    }

    private synchronized void flushInterval() {
        run.stats().intervalHistograms().forEach((name, h) -> log.write(ShardRecord.tag(name), h));
        log.flush();
    }

    @Override
    public void close() {
        timer.shutdownNow();
        flushInterval();
        log.close();
    }

    static void writeRecord(Path dir, String simulation, LoadSetup setup, NatsRun run) {
        InjectorStats st = run.stats();
        FleetState fs = run.fleet().state();
        Map<String, ShardRecord.RequestCount> requests = new LinkedHashMap<>();
        for (String name : st.requestNames()) {
            long[] c = st.okKo(name);
            requests.put(name, new ShardRecord.RequestCount(c[0], c[1], ShardRecord.tag(name)));
        }
        long[] connect = st.okKo("connect");
        new ShardRecord(ShardRecord.VERSION, simulation, setup.target().name(), run.identities().shard(), run.identities().shards(),
                run.identities().fleetSize(), run.identities().localSize(), fs.maxLive(), connect[0], connect[1], fs.repliesSent(),
                st.repliesExpected(), st.repliesReceived(), st.missingReplies(), st.duplicateReplies(), st.baselineRss(),
                st.steadyRss(), requests).write(dir);
    }
}
