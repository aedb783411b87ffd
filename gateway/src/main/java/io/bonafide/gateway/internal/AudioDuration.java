package io.bonafide.gateway.internal;

import io.bonafide.audio.decode.AudioDecoders;
import io.bonafide.audio.decode.PcmStream;
import io.bonafide.store.AudioStore;
import io.bonafide.store.StoredAudio;

/**
 * The duration of an upload for the audio-seconds capacity limit, read from the stored file's
 * header through the audio module's decoders (WAV, FLAC and most Ogg files state their length;
 * opening reads only the first bytes). Where the header does not say (MP3, some Ogg) or the file
 * is no audio at all (the worker rejects it later), the duration is estimated from the size at
 * a configured bytes-per-second rate.
 */
public final class AudioDuration {
    private final AudioStore store;
    private final long estimateBytesPerSecond;

    public AudioDuration(AudioStore store, long estimateBytesPerSecond) {
        this.store = store;
        this.estimateBytesPerSecond = estimateBytesPerSecond;
    }

    public double seconds(StoredAudio audio) {
        try (PcmStream pcm = AudioDecoders.open(store.open(audio.uri()))) {
            double seconds = pcm.info().durationSeconds();
            if (Double.isFinite(seconds) && seconds >= 0) {
                return seconds;
            }
        } catch (RuntimeException e) {
            // not decodable here: the worker reports it; the estimate below still counts the task
        }
        return (double) audio.sizeBytes() / estimateBytesPerSecond;
    }
}
