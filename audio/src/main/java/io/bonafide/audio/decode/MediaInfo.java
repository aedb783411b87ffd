package io.bonafide.audio.decode;

import java.util.Objects;

/**
 * What a decoder learned about a file from its headers: format, codec, native sample rate,
 * channel count and, where the headers say so, the length in frames (one frame = one sample
 * per channel).
 *
 * @param format       container format, sniffed from the bytes
 * @param codec        codec inside it, ffmpeg-style: pcm_s16le, pcm_f32le, pcm_alaw, flac, mp3, vorbis …
 * @param sampleRate   native sample rate in Hz (> 0)
 * @param channelCount channels in the file (> 0)
 * @param frameCount   frames in the file, or -1 where the headers do not say (MP3, some Ogg)
 */
public record MediaInfo(MediaFormat format, String codec, int sampleRate, int channelCount, long frameCount) {
    public MediaInfo {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(codec, "codec");
        if (sampleRate <= 0 || channelCount <= 0 || frameCount < -1) {
            throw new IllegalArgumentException("sampleRate " + sampleRate + ", channelCount " + channelCount
                    + ", frameCount " + frameCount);
        }
    }

    /** Duration in seconds, or NaN where the frame count is unknown. */
    public double durationSeconds() {
        return frameCount < 0 ? Double.NaN : (double) frameCount / sampleRate;
    }
}
