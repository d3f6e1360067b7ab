package dev.mconats.conformance.srv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.mconats.conformance.Evidence;
import dev.mconats.conformance.Status;
import dev.mconats.conformance.Verdict;
import dev.mconats.srv.SrvRecord;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** srv/rfc2782-order judges an order function; these prove it passes RFC 2782 and fails the usual mistakes. */
class Rfc2782OrderTest {
    private static final List<SrvRecord> MIXED = List.of(
            new SrvRecord(10, 60, 4222, "nats1.example.net"), new SrvRecord(10, 30, 4222, "nats2.example.net"),
            new SrvRecord(10, 10, 4222, "nats3.example.net"), new SrvRecord(10, 0, 4222, "nats4.example.net"),
            new SrvRecord(20, 0, 4222, "backup1.example.net"), new SrvRecord(20, 0, 4222, "backup2.example.net"));
    private static final List<SrvRecord> SEED = List.of(
            new SrvRecord(0, 0, 4222, "nats1.example.net"), new SrvRecord(0, 0, 4222, "nats2.example.net"),
            new SrvRecord(0, 0, 4222, "nats3.example.net"));

    private static Verdict judge(Rfc2782Order check, List<SrvRecord> records) {
        return check.judge(records, 20_000, 42, new Evidence());
    }

    @Test
    void theSuitesOwnOrderPasses() {
        assertThat(judge(new Rfc2782Order(), MIXED).status()).isEqualTo(Status.PASS);
        assertThat(judge(new Rfc2782Order(), SEED).status()).isEqualTo(Status.PASS);
    }

    @Test
    void dnsOrderAsReturnedFailsBecauseTheFirstRecordAlwaysWins() {
        Verdict v = judge(new Rfc2782Order((records, random) -> records), SEED);
        assertThat(v.status()).isEqualTo(Status.FAIL);
        assertThat(v.message()).contains("not RFC 2782's weighted draw", "100.00% of draws");
    }

    @Test
    void ignoringWeightsFails() {
        Verdict v = judge(new Rfc2782Order((records, random) -> {
            List<SrvRecord> out = new ArrayList<>(records);
            Collections.shuffle(out, new java.util.Random(random.nextLong()));
            out.sort(Comparator.comparingInt(SrvRecord::priority));
            return out;
        }), MIXED);
        assertThat(v.status()).isEqualTo(Status.FAIL);
    }

    @Test
    void triesALowerPriorityFirstFails() {
        Verdict v = judge(new Rfc2782Order((records, random) -> records.stream()
                .sorted(Comparator.comparingInt(SrvRecord::priority).reversed()).toList()), MIXED);
        assertThat(v.status()).isEqualTo(Status.FAIL);
        assertThat(v.message()).contains("tries priority 10 after priority 20");
    }

    @Test
    void losingARecordFails() {
        Verdict v = judge(new Rfc2782Order((records, random) -> records.subList(1, records.size())), SEED);
        assertThat(v.status()).isEqualTo(Status.FAIL);
        assertThat(v.message()).contains("is not an ordering of the records");
    }

    @Test
    void expectedFirstPicksFollowTheWeightsAndSumToOne() {
        var p = Rfc2782Order.expectedFirst(MIXED.subList(0, 4));
        assertThat(p.values().stream().mapToDouble(Double::doubleValue).sum()).isCloseTo(1.0, within(1e-9));
        assertThat(p.get(MIXED.get(0))).isCloseTo(60 / 101.0, within(1e-9));
        assertThat(p.get(MIXED.get(3))).isCloseTo(1 / 101.0, within(1e-9));
        var seed = Rfc2782Order.expectedFirst(SEED);
        assertThat(seed.values()).allSatisfy(v -> assertThat(v).isCloseTo(1 / 3.0, within(1e-9)));
    }
}
