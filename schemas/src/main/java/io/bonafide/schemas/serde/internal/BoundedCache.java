package io.bonafide.schemas.serde.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * A small thread-safe least-recently-used map. Registry answers are immutable, so a value
 * computed twice by racing threads is harmless; the loader runs outside the lock so one slow
 * registry call never blocks readers of cached entries.
 */
final class BoundedCache<K, V> {
    private final Map<K, V> entries;

    BoundedCache(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1, was " + capacity);
        }
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > capacity;
            }
        };
    }

    V computeIfAbsent(K key, Function<K, V> loader) {
        synchronized (entries) {
            V cached = entries.get(key);
            if (cached != null) {
                return cached;
            }
        }
        V loaded = loader.apply(key);
        putIfAbsent(key, loaded);
        return loaded;
    }

    void putIfAbsent(K key, V value) {
        synchronized (entries) {
            entries.putIfAbsent(key, value);
        }
    }
}
