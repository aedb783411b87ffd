package io.bonafide.detection.features;

import io.bonafide.audio.features.FeatureSink;
import io.bonafide.audio.features.FeatureStream;
import io.bonafide.audio.features.Stft;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@link Stft#standard()} power spectrum of one channel, computed once for every feature
 * channel that subscribes: the replay and the manipulation features both start from it, and the
 * {@link io.bonafide.detection.Analyzer} runs them side by side. It is a {@link CleanSamples}, as
 * the feature channels are (non-finite samples analysed as 0), so each subscriber gets exactly the
 * frames its own STFT of the same samples would give, in the same order; a subscriber's frame
 * callback must depend on nothing but the frame (it runs before the subscriber sees the block's
 * samples). Feed it every block before the subscribers ({@link #accept}), and {@link #end()} it
 * before they end. One per channel, not thread-safe.
 */
public final class SharedSpectra extends CleanSamples {
    /** The stream of a subscriber: its frames come from the shared STFT, which is fed elsewhere. */
    private static final FeatureStream FED_ELSEWHERE = new FeatureStream() {
        @Override
        public void accept(float[] samples, int offset, int length) {
        }

        @Override
        public void finish() {
        }
    };

    private final List<FeatureSink> sinks = new ArrayList<>();
    private FeatureStream stft;

    /**
     * Where a feature channel gets its standard power frames: with {@code spectra} null, from an
     * STFT of its own, fed through the returned stream; otherwise {@code sink} subscribes to
     * {@code spectra} and the returned stream ignores its input (the Analyzer feeds the shared STFT).
     * Either way the channel feeds the returned stream its clean samples and finishes it.
     */
    static FeatureStream framesFor(SharedSpectra spectra, FeatureSink sink) {
        if (spectra == null) {
            return Stft.standard().stream(sink);
        }
        spectra.subscribe(sink);
        return FED_ELSEWHERE;
    }

    /** Delivers every power frame of the channel to {@code sink}; only before the first samples. */
    void subscribe(FeatureSink sink) {
        if (stft != null || samples() > 0) {
            throw new IllegalStateException("subscribe before the channel's first samples");
        }
        sinks.add(sink);
    }

    /** Whether any feature channel subscribed; if none did, feeding it is wasted work. */
    public boolean hasSubscribers() {
        return !sinks.isEmpty();
    }

    @Override
    protected void analyse(float[] clean, int length) {
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
        stft.accept(clean, 0, length);
    }

    @Override
    protected void finish() {
        if (stft != null) {
            stft.finish();
        }
    }
}
