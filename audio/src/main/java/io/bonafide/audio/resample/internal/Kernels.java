package io.bonafide.audio.resample.internal;

/**
 * Multiply-add loops in the one shape HotSpot C2 (JDK 17) vectorises: every array indexed by
 * the loop variable alone (an offset that differs between arrays, even a constant one, makes C2
 * fall back to scalar code, as it cannot rule out that two float arrays alias). Four taps per pass keep the accumulator's load and store off the
 * critical path; more taps per pass stop C2's SuperWord from packing the loop.
 */
final class Kernels {
    private Kernels() {
    }

    static void set4(float[] y, float c0, float[] a0, float c1, float[] a1, float c2, float[] a2,
            float c3, float[] a3, int n) {
        for (int i = 0; i < n; i++) {
            y[i] = c0 * a0[i] + c1 * a1[i] + c2 * a2[i] + c3 * a3[i];
        }
    }

    static void add4(float[] y, float c0, float[] a0, float c1, float[] a1, float c2, float[] a2,
            float c3, float[] a3, int n) {
        for (int i = 0; i < n; i++) {
            y[i] += c0 * a0[i] + c1 * a1[i] + c2 * a2[i] + c3 * a3[i];
        }
    }

    static void add3(float[] y, float c0, float[] a0, float c1, float[] a1, float c2, float[] a2, int n) {
        for (int i = 0; i < n; i++) {
            y[i] += c0 * a0[i] + c1 * a1[i] + c2 * a2[i];
        }
    }

    static void add2(float[] y, float c0, float[] a0, float c1, float[] a1, int n) {
        for (int i = 0; i < n; i++) {
            y[i] += c0 * a0[i] + c1 * a1[i];
        }
    }

    static void add1(float[] y, float c0, float[] a0, int n) {
        for (int i = 0; i < n; i++) {
            y[i] += c0 * a0[i];
        }
    }
}
