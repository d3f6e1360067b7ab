package dev.mconats.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResultModelTest {
    static CheckResult result(String id, String node, Status s, String message, String... evidence) {
        return new CheckResult(id, node, s, message, List.of(evidence), Duration.ofMillis(12));
    }

    static SuiteResult suite(List<CheckResult> results) {
        return suite(results, false);
    }

    static SuiteResult suite(List<CheckResult> results, boolean strict) {
        List<SuiteResult.CheckRun> runs = results.stream().map(CheckResult::checkId).distinct().map(id -> {
            List<CheckResult> rs = results.stream().filter(r -> r.checkId().equals(id)).toList();
            return new SuiteResult.CheckRun(id, "requirement of " + id, "source of " + id,
                    Status.worst(rs.stream().map(CheckResult::status).toList()), rs, Duration.ofMillis(30));
        }).toList();
        return new SuiteResult("staging <eu> & \"friends\"", "/etc/target.conf", "servers from SRV", List.of("nats1:4222 = 10.0.0.1:4222"),
                Instant.parse("2026-01-02T03:04:05Z"), Duration.ofMillis(2345), runs, strict);
    }

    @Test
    void worstStatusOrdersFailWarnSkipPass() {
        // a check that could not look on every node is not a clean PASS
        assertThat(Status.worst(List.of(Status.PASS, Status.SKIP))).isEqualTo(Status.SKIP);
        assertThat(Status.worst(List.of(Status.PASS, Status.WARN, Status.SKIP))).isEqualTo(Status.WARN);
        assertThat(Status.worst(List.of(Status.WARN, Status.FAIL, Status.PASS))).isEqualTo(Status.FAIL);
        assertThat(Status.worst(List.of(Status.SKIP))).isEqualTo(Status.SKIP);
        assertThat(Status.worst(List.of())).isEqualTo(Status.SKIP);
    }

    @Test
    void testNamesCarryTheNodeAndClusterResultsSayCluster() {
        assertThat(result("tls/x", "nats1.example.net:4222", Status.PASS, "ok").testName()).isEqualTo("tls/x[nats1.example.net:4222]");
        CheckResult cluster = result("srv/y", CheckResult.CLUSTER, Status.PASS, "ok");
        assertThat(cluster.testName()).isEqualTo("srv/y");
        assertThat(cluster.nodeLabel()).isEqualTo("cluster");
    }

    @Test
    void messagesAreOneLine() {
        assertThat(result("a/b", "", Status.FAIL, "first\nsecond").message()).isEqualTo("first second");
    }

    @Test
    void exitCodeIsOneOnlyWhenSomethingFails() {
        SuiteResult fine = suite(List.of(result("a/b", "n1", Status.PASS, "ok"), result("a/c", "n1", Status.WARN, "hm"),
                result("a/d", "n1", Status.SKIP, "no key")));
        assertThat(fine.failed()).isFalse();
        assertThat(fine.exitCode()).isZero();
        assertThat(fine.counts()).containsEntry(Status.PASS, 1L).containsEntry(Status.WARN, 1L).containsEntry(Status.SKIP, 1L)
                .containsEntry(Status.FAIL, 0L);
        SuiteResult bad = suite(List.of(result("a/b", "n1", Status.PASS, "ok"), result("a/b", "n2", Status.FAIL, "no")));
        assertThat(bad.exitCode()).isEqualTo(1);
        assertThat(bad.checks().get(0).status()).isEqualTo(Status.FAIL);
    }

    @Test
    void theHeadlineNeverHidesASkipOrAWarnAndStrictFailsOnThem() {
        List<CheckResult> clean = List.of(result("a/b", "n1", Status.PASS, "ok"), result("a/b", "n2", Status.PASS, "ok"));
        assertThat(suite(clean).headline()).isEqualTo("PASSED");
        assertThat(suite(clean, true).headline()).isEqualTo("PASSED");
        assertThat(suite(clean, true).exitCode()).isZero();

        List<CheckResult> looked = List.of(result("a/b", "n1", Status.PASS, "ok"), result("a/c", "n1", Status.SKIP, "no key"),
                result("a/c", "n2", Status.SKIP, "no key"), result("a/d", "", Status.SKIP, "no srv"), result("a/e", "n1", Status.WARN, "hm"));
        SuiteResult lenient = suite(looked);
        assertThat(lenient.headline()).isEqualTo("PASSED with 3 SKIPPED, 1 WARN");
        assertThat(lenient.exitCode()).isZero();
        assertThat(lenient.status()).isEqualTo(Status.PASS);
        SuiteResult strict = suite(looked, true);
        assertThat(strict.headline()).isEqualTo("FAILED (strict): 3 SKIPPED, 1 WARN");
        assertThat(strict.exitCode()).isEqualTo(1);
        assertThat(strict.status()).isEqualTo(Status.FAIL);
        assertThat(strict.failed()).as("nothing FAILed as such").isFalse();

        SuiteResult failed = suite(List.of(result("a/b", "n1", Status.FAIL, "no"), result("a/b", "n2", Status.FAIL, "no"),
                result("a/c", "n1", Status.SKIP, "no key")));
        assertThat(failed.headline()).isEqualTo("FAILED: 2 FAILED, 1 SKIPPED");
    }
}
