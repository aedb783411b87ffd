package io.bonafide.audio.resample.internal;

/**
 * Multiply-add loops in the one shape HotSpot C2 (JDK 17) vectorises: every array indexed by
 * the loop variable alone (an offset that differs between arrays, even a constant one, makes C2
 * fall back to scalar code, as it cannot rule out that two float arrays alias). Four taps per
 * pass keep the accumulator's load and store off the critical path; more taps per pass stop
 * C2's SuperWord from packing the loop. Where the JVM compiles {@code Math.fma} to the CPU's
 * fused multiply-add ({@code -XX:+UseFMA}, the default on every x86 since 2013 and on ARM64),
 * the kernels use it: a packed FMA measured a little faster than a multiply and an add, and
 * rounds once. Elsewhere {@code Math.fma} is a slow software routine, so the unfused form is used.
 */
final class Kernels {
    /** Whether {@code Math.fma} is a hardware instruction in this JVM. */
    static final boolean FUSED = hardwareFma();

    private Kernels() {
    }

    private static boolean hardwareFma() {
        try {
            return Boolean.parseBoolean(java.lang.management.ManagementFactory
                    .getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class)
                    .getVMOption("UseFMA").getValue());
        } catch (RuntimeException | LinkageError notHotSpot) {
            return false;
        }
    }

    static void set4(float[] y, float c0, float[] a0, float c1, float[] a1, float c2, float[] a2,
            float c3, float[] a3, int n) {
        for (int i = 0; i < n; i++) {
            y[i] = Math.fma(c3, a3[i], Math.fma(c2, a2[i], Math.fma(c1, a1[i], c0 * a0[i])));
        }
    }

    static void add4(float[] y, float c0, float[] a0, float c1, float[] a1, float c2, float[] a2,
            float c3, float[] a3, int n) {
        for (int i = 0; i < n; i++) {
            y[i] = Math.fma(c3, a3[i], Math.fma(c2, a2[i], Math.fma(c1, a1[i], Math.fma(c0, a0[i], y[i]))));
        }
    }

    static void add3(float[] y, float c0, float[] a0, float c1, float[] a1, float c2, float[] a2, int n) {
        for (int i = 0; i < n; i++) {
            y[i] = Math.fma(c2, a2[i], Math.fma(c1, a1[i], Math.fma(c0, a0[i], y[i])));
        }
    }

    static void add2(float[] y, float c0, float[] a0, float c1, float[] a1, int n) {
        for (int i = 0; i < n; i++) {
            y[i] = Math.fma(c1, a1[i], Math.fma(c0, a0[i], y[i]));
        }
    }

    static void add1(float[] y, float c0, float[] a0, int n) {
        for (int i = 0; i < n; i++) {
            y[i] = Math.fma(c0, a0[i], y[i]);
        }
    }

    static void set4Unfused(float[] y, float c0, float[] a0, float c1, float[] a1, float c2, float[] a2,
            float c3, float[] a3, int n) {
        for (int i = 0; i < n; i++) {
            y[i] = c0 * a0[i] + c1 * a1[i] + c2 * a2[i] + c3 * a3[i];
        }
    }

    static void add4Unfused(float[] y, float c0, float[] a0, float c1, float[] a1, float c2, float[] a2,
            float c3, float[] a3, int n) {
        for (int i = 0; i < n; i++) {
            y[i] += c0 * a0[i] + c1 * a1[i] + c2 * a2[i] + c3 * a3[i];
        }
    }

    static void add3Unfused(float[] y, float c0, float[] a0, float c1, float[] a1, float c2, float[] a2, int n) {
        for (int i = 0; i < n; i++) {
            y[i] += c0 * a0[i] + c1 * a1[i] + c2 * a2[i];
        }
    }

    static void add2Unfused(float[] y, float c0, float[] a0, float c1, float[] a1, int n) {
        for (int i = 0; i < n; i++) {
            y[i] += c0 * a0[i] + c1 * a1[i];
        }
    }

    static void add1Unfused(float[] y, float c0, float[] a0, int n) {
        for (int i = 0; i < n; i++) {
            y[i] += c0 * a0[i];
        }
    }
}
