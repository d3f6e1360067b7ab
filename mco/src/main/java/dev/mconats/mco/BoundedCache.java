package dev.mconats.mco;

import java.util.Iterator;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A concurrent map with a size cap. When full, an arbitrary entry is dropped: exact LRU order is not
 * worth a lock on the hot path, and in a load test the working set (a handful of client certs,
 * a few in-flight broadcasts) is far below the cap anyway; the cap only protects against floods of
 * distinct certificates or signatures.
 */
final class BoundedCache<K, V> {
    private final ConcurrentHashMap<K, V> map;
    private final int maxSize;

    BoundedCache(int maxSize) {
        if (maxSize < 0) {
            throw new IllegalArgumentException("maxSize must be >= 0");
        }
        this.maxSize = maxSize;
        this.map = new ConcurrentHashMap<>(Math.min(maxSize, 1024));
    }

    V get(K key) {
        return maxSize == 0 ? null : map.get(key);
    }

    void put(K key, V value) {
        if (maxSize == 0) {
            return;
        }
        while (map.size() >= maxSize) {
            Iterator<K> it = map.keySet().iterator();
            if (!it.hasNext()) {
                break;
            }
            map.remove(it.next());
        }
        map.put(key, value);
    }

    int size() {
        return map.size();
    }

    void clear() {
        map.clear();
    }
}
