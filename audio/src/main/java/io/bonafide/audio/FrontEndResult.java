package io.bonafide.audio;

import io.bonafide.audio.decode.MediaInfo;
import java.util.List;

/**
 * What the front end measured of one file: its facts (as uploaded) and, per processed channel,
 * how much 16 kHz audio the analyses received and how much of it was voiced.
 *
 * @param info            header facts
 * @param durationSeconds the whole file's duration (from the headers, or counted while decoding)
 * @param startSeconds    where the analysed range starts, from the file start
 * @param channels        one entry per processed channel, in output order
 * @param voiceDetector   name of the voice-activity detector used (e.g. silero-vad, energy)
 */
public record FrontEndResult(MediaInfo info, double durationSeconds, double startSeconds,
                             List<ChannelReport> channels, String voiceDetector) {

    /**
     * @param channelNumber  0-based index in the file (0 in mix mode)
     * @param samples        16 kHz samples delivered to the analysis
     * @param voicedSeconds  seconds of voice activity among them
     */
    public record ChannelReport(int channelNumber, long samples, double voicedSeconds) {
        /** Seconds of audio analysed. */
        public double seconds() {
            return samples / 16_000.0;
        }
    }
}
