package dev.mconats.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NodeIdentitiesTest {
    @Test
    void namesAreStableAndPadded() {
        NodeIdentities ids = NodeIdentities.of(20_000);
        assertThat(ids.identity(0)).isEqualTo("node00000.sim.example.net");
        assertThat(ids.identity(19_999)).isEqualTo("node19999.sim.example.net");
        assertThat(ids.localSize()).isEqualTo(20_000);
        assertThatThrownBy(() -> ids.local(20_000)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void shardsCoverTheFleetWithDisjointSlices() {
        int fleet = 1003;
        Set<String> all = new HashSet<>();
        int total = 0;
        for (int s = 0; s < 3; s++) {
            NodeIdentities shard = new NodeIdentities("node", "sim.example.net", fleet, s, 3);
            total += shard.localSize();
            for (int i = 0; i < shard.localSize(); i++) {
                assertThat(all.add(shard.local(i))).isTrue();
            }
        }
        assertThat(total).isEqualTo(fleet);
        assertThat(all).hasSize(fleet);
    }

    @Test
    void samplesAreDistinctMembersOfTheFleet() {
        NodeIdentities ids = NodeIdentities.of(50);
        List<String> sample = ids.sample(10, new Random(1));
        assertThat(sample).hasSize(10).doesNotHaveDuplicates().allMatch(s -> s.startsWith("node000") || s.startsWith("node00"));
        assertThat(ids.sample(80, new Random(2))).hasSize(50).doesNotHaveDuplicates();
    }

    /** For many fleet sizes and shard counts: disjoint, complete, balanced to within one node, and i mod k. */
    @Test
    void shardSlicingPropertiesHoldForManySizes() {
        Random random = new Random(6);
        for (int trial = 0; trial < 200; trial++) {
            int fleet = trial < 10 ? trial : random.nextInt(5000);
            int k = 1 + random.nextInt(12);
            Set<String> all = new HashSet<>();
            int min = Integer.MAX_VALUE;
            int max = 0;
            for (int s = 0; s < k; s++) {
                NodeIdentities shard = new NodeIdentities("node", "sim.example.net", fleet, s, k);
                min = Math.min(min, shard.localSize());
                max = Math.max(max, shard.localSize());
                assertThat(shard.localSize()).isLessThanOrEqualTo((fleet + k - 1) / k); // what one injector must hold
                for (int i = 0; i < shard.localSize(); i++) {
                    String id = shard.local(i);
                    assertThat(all.add(id)).as("%s in two shards (fleet %d, k %d)", id, fleet, k).isTrue();
                    assertThat(Integer.parseInt(id.substring(4, id.indexOf('.'))) % k).isEqualTo(s);
                }
            }
            assertThat(all).as("fleet %d over %d shards", fleet, k).hasSize(fleet);
            assertThat(max - min).isLessThanOrEqualTo(1);
        }
    }
}
