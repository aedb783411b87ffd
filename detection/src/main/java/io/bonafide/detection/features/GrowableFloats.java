package io.bonafide.detection.features;

import java.util.Arrays;

/** A float list that grows by doubling, for per-frame series whose length is known only at the end. */
final class GrowableFloats {
    private float[] values = new float[256];
    private int size;

    void add(float value) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = value;
    }

    int size() {
        return size;
    }

    float get(int i) {
        return values[i];
    }

    /** A sorted copy. */
    float[] sorted() {
        float[] copy = Arrays.copyOf(values, size);
        Arrays.sort(copy);
        return copy;
    }

    /** The {@code q}-quantile (0..1) of sorted values, nearest rank; 0 when empty. */
    static float quantile(float[] sorted, double q) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.min(sorted.length - 1, Math.max(0, Math.round(q * (sorted.length - 1))));
        return sorted[index];
    }
}
