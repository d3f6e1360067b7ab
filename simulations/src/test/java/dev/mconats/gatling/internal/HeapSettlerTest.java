package dev.mconats.gatling.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class HeapSettlerTest {
    @Test
    void disabledItCompletesAtOnceAndCollectsNothing() {
        InjectorStats stats = new InjectorStats(List.of());
        CompletableFuture<Void> f = new HeapSettler(false, stats).settle();

        assertThat(f).isDone();
        assertThat(stats.memorySummary()).containsEntry("settle_collections", 0L);
    }

    @Test
    void clientsAskingTogetherOrRightAfterShareOneCollection() throws Exception {
        InjectorStats stats = new InjectorStats(List.of());
        HeapSettler settler = new HeapSettler(true, stats);

        CompletableFuture<Void> first = settler.settle();
        CompletableFuture<Void> second = settler.settle();
        first.get(30, TimeUnit.SECONDS);
        second.get(30, TimeUnit.SECONDS);
        CompletableFuture<Void> third = settler.settle(); // within a second of the last one: nothing to do

        assertThat(third).isDone();
        assertThat(stats.memorySummary()).containsEntry("settle_collections", 1L);
        assertThat((Long) stats.memorySummary().get("settle_total_ms")).isNotNegative();
    }
}
