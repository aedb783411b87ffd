package io.bonafide.detection.features;

import io.bonafide.audio.features.Stft;

/**
 * Groups the 257 bins of a {@link Stft#standard()} power spectrum (31.25 Hz apart) into 32
 * linear bands of 250 Hz: band {@code j} sums bins {@code 8 j + 1 .. 8 j + 8}, i.e.
 * {@code 250 j .. 250 (j + 1)} Hz (the DC bin is left out). Linear rather than mel bands because
 * playback and editing artefacts sit as much above 3.4 kHz and below 300 Hz as in the voice band.
 * Shared by the replay and manipulation features so that both read the same bands.
 */
final class LinearBands {
    static final int BANDS = 32;
    static final int BINS_PER_BAND = 8;
    /** Bands 1..13: 250-3500 Hz, the telephone voice band every corpus utterance lives in. */
    static final int VOICE_FIRST = 1;
    static final int VOICE_LAST = 13;
    /** Power floor, about 100 dB under a -26 dBFS voice band. */
    static final double FLOOR = 1e-6;

    private LinearBands() {
    }

    /** Band powers of one power-spectrum frame into {@code bands} (length {@link #BANDS}). */
    static void of(float[] power, double[] bands) {
        for (int j = 0; j < BANDS; j++) {
            double sum = 0;
            int first = BINS_PER_BAND * j + 1;
            for (int k = first; k < first + BINS_PER_BAND; k++) {
                sum += power[k];
            }
            bands[j] = sum;
        }
    }

    /** Mean power of the voice-band bands. */
    static double voiceBand(double[] bands) {
        double sum = 0;
        for (int j = VOICE_FIRST; j <= VOICE_LAST; j++) {
            sum += bands[j];
        }
        return sum / (VOICE_LAST - VOICE_FIRST + 1);
    }

    /** Centre frequency of band {@code j}, Hz. */
    static double centre(int j) {
        return 250.0 * j + 125.0;
    }

    static double db(double power) {
        return 10 * Math.log10(power + FLOOR);
    }
}
