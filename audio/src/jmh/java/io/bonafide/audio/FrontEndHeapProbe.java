package io.bonafide.audio;

import io.bonafide.audio.features.LogMelSpectrogram;
import io.bonafide.audio.select.Selection;
import io.bonafide.audio.vad.VoiceActivityDetectors;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Streams one file through the standard front end (decode, split, 16 kHz, voice activity,
 * 80-band log-mel per channel) and prints what it took: frames, wall time, and the heap pools'
 * peak usage. Run by {@code ops/bench/frontend-heap.sh} under a capped heap with GC logging.
 */
public final class FrontEndHeapProbe {
    private FrontEndHeapProbe() {
    }

    public static void main(String[] args) throws IOException {
        Path file = Path.of(args[0]);
        AudioFrontEnd frontEnd = AudioFrontEnd.standard(FrontEndOptions.DEFAULTS, VoiceActivityDetectors.create());
        LogMelSpectrogram logMel = LogMelSpectrogram.standard();
        AtomicLong frames = new AtomicLong();
        long started = System.nanoTime();
        FrontEndResult result = frontEnd.analyse(new BufferedInputStream(Files.newInputStream(file), 1 << 16),
                Selection.all(), channel -> ChannelAnalysis.features(logMel.stream(frame -> frames.incrementAndGet())));
        double seconds = (System.nanoTime() - started) / 1e9;
        long peakSum = 0;
        StringBuilder pools = new StringBuilder();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                long peak = pool.getPeakUsage().getUsed();
                peakSum += peak;
                pools.append(String.format("  %-28s peak used %7.1f MB%n", pool.getName(), peak / 1e6));
            }
        }
        System.out.printf("file: %s (%.0f s, %d Hz, %d channels, %s)%n", file.getFileName(), result.durationSeconds(),
                result.info().sampleRate(), result.info().channelCount(), result.info().format().wireName());
        System.out.printf("log-mel frames: %d; voice detector: %s; voiced seconds per channel: %s%n", frames.get(),
                result.voiceDetector(), result.channels().stream().map(c -> String.format("%.1f", c.voicedSeconds())).toList());
        System.out.printf("wall: %.1f s (%.0fx real time)%n", seconds, result.durationSeconds() / seconds);
        System.out.printf("max heap: %.0f MB; sum of heap pools' peak usage (an upper bound of the peak): %.1f MB%n",
                Runtime.getRuntime().maxMemory() / 1e6, peakSum / 1e6);
        System.out.print(pools);
    }
}
