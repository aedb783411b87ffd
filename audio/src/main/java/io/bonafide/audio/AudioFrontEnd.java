package io.bonafide.audio;

import io.bonafide.audio.decode.AudioDecoders;
import io.bonafide.audio.decode.MediaInfo;
import io.bonafide.audio.decode.PcmStream;
import io.bonafide.audio.resample.FloatSink;
import io.bonafide.audio.resample.Resampler;
import io.bonafide.audio.resample.Resamplers;
import io.bonafide.audio.select.ChannelSelector;
import io.bonafide.audio.select.Selection;
import io.bonafide.audio.vad.VoiceActivityDetector;
import io.bonafide.audio.vad.VoiceActivityDetectors;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * The one way from uploaded bytes to analysed signal: sniff and decode the file as a stream,
 * select channels and time range, resample each selected channel to 16 kHz, measure its voice
 * activity, and hand the 16 kHz blocks to each channel's analysis. Memory stays bounded by the
 * block size whatever the file's length. Bad input ends in a {@link MediaException}. Thread-safe:
 * each call has its own state.
 */
public final class AudioFrontEnd {
    /** The rate every analysis receives. */
    public static final int ANALYSIS_RATE = 16_000;

    private final FrontEndOptions options;
    private final IntFunction<Resampler> resamplerFromRate;
    private final Supplier<VoiceActivityDetector> voiceDetectors;
    private final String voiceDetectorName;

    /**
     * @param options           block size and limits
     * @param resamplerFromRate a new resampler from the given input rate to 16 kHz, one per channel
     * @param voiceDetectors    a new voice-activity detector, one per channel
     * @param voiceDetectorName what results and reports call that detector
     */
    public AudioFrontEnd(FrontEndOptions options, IntFunction<Resampler> resamplerFromRate,
                         Supplier<VoiceActivityDetector> voiceDetectors, String voiceDetectorName) {
        this.options = Objects.requireNonNull(options, "options");
        this.resamplerFromRate = Objects.requireNonNull(resamplerFromRate, "resamplerFromRate");
        this.voiceDetectors = Objects.requireNonNull(voiceDetectors, "voiceDetectors");
        this.voiceDetectorName = Objects.requireNonNull(voiceDetectorName, "voiceDetectorName");
    }

    /**
     * The production front end: the project's resampler to 16 kHz and the given voice-activity
     * detectors (Silero where its model loads, else the energy fallback).
     */
    public static AudioFrontEnd standard(FrontEndOptions options, VoiceActivityDetectors voiceActivity) {
        return new AudioFrontEnd(options, rate -> Resamplers.create(rate, ANALYSIS_RATE),
                voiceActivity::newDetector, voiceActivity.engine().reportName());
    }

    /**
     * Analyses {@code audio} (closed on return) as {@code selection} asks.
     *
     * @param analyses the analysis of each processed channel, by its reported channel number
     * @throws MediaException for input that can never be processed as asked
     */
    public FrontEndResult analyse(InputStream audio, Selection selection, IntFunction<ChannelAnalysis> analyses) {
        try (PcmStream pcm = AudioDecoders.open(audio)) {
            MediaInfo info = pcm.info();
            long maxFrames = (long) Math.ceil(options.maxDurationSeconds() * info.sampleRate());
            ChannelSelector selector = new ChannelSelector(pcm, selection, maxFrames);
            List<Integer> outputs = selector.outputChannels();
            int count = outputs.size();
            Resampler[] resamplers = new Resampler[count];
            VoiceActivityDetector[] detectors = new VoiceActivityDetector[count];
            ChannelAnalysis[] targets = new ChannelAnalysis[count];
            long[] delivered = new long[count];
            FloatSink[] sinks = new FloatSink[count];
            for (int c = 0; c < count; c++) {
                int channel = c;
                resamplers[c] = resamplerFromRate.apply(info.sampleRate());
                detectors[c] = voiceDetectors.get();
                targets[c] = Objects.requireNonNull(analyses.apply(outputs.get(c)), "analysis");
                sinks[c] = (samples, offset, length) -> {
                    detectors[channel].accept(samples, offset, length);
                    targets[channel].accept(samples, offset, length);
                    delivered[channel] += length;
                };
            }

            float[][] block = new float[count][options.blockFrames()];
            int frames;
            while ((frames = selector.read(block, options.blockFrames())) > 0) {
                for (int c = 0; c < count; c++) {
                    resamplers[c].process(block[c], 0, frames, sinks[c]);
                }
            }
            List<FrontEndResult.ChannelReport> reports = new ArrayList<>(count);
            for (int c = 0; c < count; c++) {
                resamplers[c].flush(sinks[c]);
                targets[c].end();
                reports.add(new FrontEndResult.ChannelReport(outputs.get(c), delivered[c], detectors[c].voicedSeconds()));
            }
            return new FrontEndResult(info, (double) selector.fileFrames() / info.sampleRate(),
                    (double) selector.startFrame() / info.sampleRate(), List.copyOf(reports), voiceDetectorName);
        }
    }
}
