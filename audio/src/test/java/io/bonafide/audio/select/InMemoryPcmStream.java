package io.bonafide.audio.select;

import io.bonafide.audio.decode.MediaFormat;
import io.bonafide.audio.decode.MediaInfo;
import io.bonafide.audio.decode.PcmStream;

/** A PcmStream over planar arrays, for unit tests of the stages after decoding. */
final class InMemoryPcmStream implements PcmStream {
    private final float[][] planar;
    private final MediaInfo info;
    private int position;

    /** @param headerKnowsLength whether {@link MediaInfo#frameCount()} states the length (else -1, as MP3) */
    InMemoryPcmStream(int sampleRate, boolean headerKnowsLength, float[]... planar) {
        this.planar = planar;
        this.info = new MediaInfo(MediaFormat.WAV, "pcm_f32le", sampleRate, planar.length,
                headerKnowsLength ? planar[0].length : -1);
    }

    @Override
    public MediaInfo info() {
        return info;
    }

    @Override
    public int read(float[] interleaved, int maxFrames) {
        int frames = Math.min(maxFrames, planar[0].length - position);
        if (frames <= 0) {
            return -1;
        }
        for (int f = 0; f < frames; f++) {
            for (int c = 0; c < planar.length; c++) {
                interleaved[f * planar.length + c] = planar[c][position + f];
            }
        }
        position += frames;
        return frames;
    }

    @Override
    public long framesRead() {
        return position;
    }

    @Override
    public void close() {
    }
}
