package io.bonafide.audio.decode.testing;

import io.bonafide.audio.decode.AudioDecoders;
import io.bonafide.audio.decode.MediaInfo;
import io.bonafide.audio.decode.PcmStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A file decoded to the end by our decoders, reading in blocks of awkward, changing sizes so
 * that block boundaries never line up with codec frames.
 *
 * @param info    what the decoder reported at open
 * @param samples every interleaved sample
 */
public record Decoded(MediaInfo info, float[] samples) {
    private static final int[] BLOCK_FRAMES = {4096, 1, 333, 1000, 17};

    public static Decoded of(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return of(in);
        }
    }

    public static Decoded of(byte[] bytes) {
        return of(new ByteArrayInputStream(bytes));
    }

    public static Decoded of(InputStream in) {
        try (PcmStream pcm = AudioDecoders.open(in)) {
            int channels = pcm.info().channelCount();
            float[] block = new float[4096 * channels];
            float[] all = new float[1 << 16];
            int size = 0;
            for (int call = 0; ; call++) {
                int n = pcm.read(block, BLOCK_FRAMES[call % BLOCK_FRAMES.length]);
                if (n < 0) {
                    break;
                }
                if (size + n * channels > all.length) {
                    all = Arrays.copyOf(all, Math.max(all.length * 2, size + n * channels));
                }
                System.arraycopy(block, 0, all, size, n * channels);
                size += n * channels;
            }
            if (pcm.framesRead() * channels != size) {
                throw new AssertionError("framesRead " + pcm.framesRead() + " disagrees with " + size / channels);
            }
            return new Decoded(pcm.info(), Arrays.copyOf(all, size));
        }
    }

    public int frames() {
        return samples.length / info.channelCount();
    }
}
