package io.bonafide.detection.features;

import io.bonafide.audio.features.FeatureSink;
import io.bonafide.audio.features.FeatureStream;
import io.bonafide.audio.features.Stft;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@link Stft#standard()} power spectrum of one channel, computed once for every feature
 * channel that subscribes: the replay and the manipulation features both start from it, and the
 * {@link io.bonafide.detection.Analyzer} runs them side by side. Non-finite samples are analysed as
 * 0, as {@link CleanSamples} does, so each subscriber gets exactly the frames its own STFT of the
 * same samples would give, in the same order; a subscriber's frame callback must depend on nothing
 * but the frame (it runs before the subscriber sees the block's samples). Feed it every block
 * before the subscribers, and {@link #finish()} it before they end. One per channel, not
 * thread-safe.
 */
public final class SharedSpectra {
    private final List<FeatureSink> sinks = new ArrayList<>();
    private FeatureStream stft;
    private float[] scratch = new float[0];
    private boolean finished;

    /** Delivers every power frame of the channel to {@code sink}; only before the first samples. */
    void subscribe(FeatureSink sink) {
        if (stft != null || finished) {
            throw new IllegalStateException("subscribe before the channel's first samples");
        }
        sinks.add(sink);
    }

    /** Analyses a block of the channel's samples (nothing, when nobody subscribed). */
    public void accept(float[] block, int offset, int length) {
        if (finished) {
            throw new IllegalStateException("the channel has ended");
        }
        if (sinks.isEmpty()) {
            return;
        }
        if (stft == null) {
            List<FeatureSink> targets = List.copyOf(sinks);
            stft = Stft.standard().stream(targets.size() == 1 ? targets.get(0) : frame -> {
                for (FeatureSink sink : targets) {
                    sink.accept(frame);
                }
            });
        }
        if (scratch.length < length) {
            scratch = new float[length];
        }
        for (int i = 0; i < length; i++) {
            float x = block[offset + i];
            scratch[i] = Float.isFinite(x) ? x : 0;
        }
        stft.accept(scratch, 0, length);
    }

    /** Emits the remaining frames; no samples may follow. */
    public void finish() {
        if (!finished) {
            finished = true;
            if (stft != null) {
                stft.finish();
            }
        }
    }
}
