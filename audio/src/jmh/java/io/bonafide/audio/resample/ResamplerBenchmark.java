package io.bonafide.audio.resample;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Resampling cost per second of audio, single-threaded: one channel at several input rates, and
 * a 44.1 kHz stereo file as the worker sees it (interleaved blocks split into two channels).
 * One invocation is {@value #SECONDS} s of audio, so scores read as milliseconds per audio second;
 * the real-time factor per core is 1000 divided by the score.
 */
@BenchmarkMode({Mode.AverageTime, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@OperationsPerInvocation(ResamplerBenchmark.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ResamplerBenchmark {
    static final int SECONDS = 10;
    private static final int BLOCK_FRAMES = 4096;

    /** One channel of noise at each input rate. */
    @State(Scope.Thread)
    public static class MonoInput {
        @Param({"44100", "48000", "22050", "8000"})
        int inputRate;

        float[] samples;

        @Setup
        public void generate() {
            Random random = new Random(42);
            samples = new float[SECONDS * inputRate];
            for (int i = 0; i < samples.length; i++) {
                samples[i] = (float) (0.1 * random.nextGaussian());
            }
        }
    }

    /** Interleaved 44.1 kHz stereo noise, as a decoder hands it over, and the per-channel blocks. */
    @State(Scope.Thread)
    public static class StereoInput {
        float[] interleaved;
        final float[] left = new float[BLOCK_FRAMES];
        final float[] right = new float[BLOCK_FRAMES];

        @Setup
        public void generate() {
            Random random = new Random(43);
            interleaved = new float[2 * SECONDS * 44_100];
            for (int i = 0; i < interleaved.length; i++) {
                interleaved[i] = (float) (0.1 * random.nextGaussian());
            }
        }
    }

    @Benchmark
    public long monoTo16k(MonoInput input, Blackhole blackhole) {
        Resampler resampler = Resamplers.create(input.inputRate, 16_000);
        long[] count = new long[1];
        FloatSink sink = (samples, offset, length) -> {
            blackhole.consume(samples);
            count[0] += length;
        };
        float[] mono = input.samples;
        for (int offset = 0; offset < mono.length; offset += BLOCK_FRAMES) {
            resampler.process(mono, offset, Math.min(BLOCK_FRAMES, mono.length - offset), sink);
        }
        resampler.flush(sink);
        return count[0];
    }

    @Benchmark
    public long stereo44100To16k(StereoInput input, Blackhole blackhole) {
        Resampler leftResampler = Resamplers.create(44_100, 16_000);
        Resampler rightResampler = Resamplers.create(44_100, 16_000);
        long[] count = new long[1];
        FloatSink sink = (samples, offset, length) -> {
            blackhole.consume(samples);
            count[0] += length;
        };
        float[] interleaved = input.interleaved;
        int frames = interleaved.length / 2;
        for (int start = 0; start < frames; start += BLOCK_FRAMES) {
            int n = Math.min(BLOCK_FRAMES, frames - start);
            for (int i = 0, j = 2 * start; i < n; i++, j += 2) {
                input.left[i] = interleaved[j];
                input.right[i] = interleaved[j + 1];
            }
            leftResampler.process(input.left, 0, n, sink);
            rightResampler.process(input.right, 0, n, sink);
        }
        leftResampler.flush(sink);
        rightResampler.flush(sink);
        return count[0];
    }
}
