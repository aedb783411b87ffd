package io.bonafide.audio.features;

import io.bonafide.audio.resample.FloatSink;
import io.bonafide.audio.resample.Resampler;
import io.bonafide.audio.resample.Resamplers;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Feature cost per second of 16 kHz audio, single-threaded: the 80-band log-mel spectrogram,
 * 13 MFCCs, and the front end a worker runs per stereo 44.1 kHz file (both channels resampled to
 * 16 kHz and turned into log-mel, decoding excluded). One invocation is {@value #SECONDS} s of
 * audio, so scores read as milliseconds per audio second; 1000 over the score is the real-time
 * factor per core.
 */
@State(Scope.Thread)
@BenchmarkMode({Mode.AverageTime, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@OperationsPerInvocation(LogMelBenchmark.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class LogMelBenchmark {
    static final int SECONDS = 10;
    private static final int BLOCK = 4096;

    private float[] audio16k;
    private float[] interleavedStereo;
    private final float[] left = new float[BLOCK];
    private final float[] right = new float[BLOCK];

    @Setup
    public void generate() {
        Random random = new Random(42);
        audio16k = new float[SECONDS * 16_000];
        for (int i = 0; i < audio16k.length; i++) {
            audio16k[i] = (float) (0.1 * random.nextGaussian());
        }
        interleavedStereo = new float[2 * SECONDS * 44_100];
        for (int i = 0; i < interleavedStereo.length; i++) {
            interleavedStereo[i] = (float) (0.1 * random.nextGaussian());
        }
    }

    @Benchmark
    public void logMel80(Blackhole blackhole) {
        run(LogMelSpectrogram.standard(), blackhole);
    }

    @Benchmark
    public void mfcc13(Blackhole blackhole) {
        run(Mfcc.standard(), blackhole);
    }

    @Benchmark
    public void stereo44100ResampledToLogMel(Blackhole blackhole) {
        Resampler leftResampler = Resamplers.create(44_100, 16_000);
        Resampler rightResampler = Resamplers.create(44_100, 16_000);
        FeatureStream leftFeatures = LogMelSpectrogram.standard().stream(blackhole::consume);
        FeatureStream rightFeatures = LogMelSpectrogram.standard().stream(blackhole::consume);
        FloatSink toLeft = leftFeatures::accept;
        FloatSink toRight = rightFeatures::accept;
        int frames = interleavedStereo.length / 2;
        for (int start = 0; start < frames; start += BLOCK) {
            int n = Math.min(BLOCK, frames - start);
            for (int i = 0, j = 2 * start; i < n; i++, j += 2) {
                left[i] = interleavedStereo[j];
                right[i] = interleavedStereo[j + 1];
            }
            leftResampler.process(left, 0, n, toLeft);
            rightResampler.process(right, 0, n, toRight);
        }
        leftResampler.flush(toLeft);
        rightResampler.flush(toRight);
        leftFeatures.finish();
        rightFeatures.finish();
    }

    private void run(FeatureExtractor extractor, Blackhole blackhole) {
        FeatureStream stream = extractor.stream(blackhole::consume);
        for (int offset = 0; offset < audio16k.length; offset += BLOCK) {
            stream.accept(audio16k, offset, Math.min(BLOCK, audio16k.length - offset));
        }
        stream.finish();
    }
}
