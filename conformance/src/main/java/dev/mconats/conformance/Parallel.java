package dev.mconats.conformance;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Runs blocking probes side by side, one platform thread each; results keep the input order. Platform, not virtual,
 * threads: the OS preempts them, so a timing probe (how long does the server wait for a TLS handshake?) is not held
 * up behind other probes' CPU-bound TLS work the way a virtual thread waiting for a carrier would be.
 */
public final class Parallel {
    private Parallel() {
    }

    public static <T, R> List<R> map(List<T> items, Function<T, R> f) {
        return map(items, f, Integer.MAX_VALUE);
    }

    /** As {@link #map(List, Function)}, with at most {@code threads} items in progress at once. */
    public static <T, R> List<R> map(List<T> items, Function<T, R> f, int threads) {
        if (items.size() == 1) {
            return List.of(f.apply(items.get(0)));
        }
        var factory = Thread.ofPlatform().daemon().name("conformance-", 0).factory();
        try (ExecutorService pool = threads >= items.size() ? Executors.newThreadPerTaskExecutor(factory)
                : Executors.newFixedThreadPool(threads, factory)) {
            List<Future<R>> futures = new ArrayList<>();
            for (T item : items) {
                futures.add(pool.submit(() -> f.apply(item)));
            }
            List<R> out = new ArrayList<>(items.size());
            for (Future<R> fu : futures) {
                out.add(fu.get());
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        }
    }
}
