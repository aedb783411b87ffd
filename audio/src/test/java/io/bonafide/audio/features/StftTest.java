package io.bonafide.audio.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.bonafide.audio.features.internal.Windows;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StftTest {

    @Test
    void shouldConserveTheWindowedFrameEnergyAcrossThePowerSpectrum() {
        // Given white noise
        float[] noise = Signals.whiteNoise(0.5, 0.3, 5);
        float[] window = Windows.periodicHann(400);

        // When its power spectra are computed
        float[][] spectra = Stft.standard().extract(noise);

        // Then every frame satisfies Parseval: sum (x w)^2 = (P_0 + 2 sum P_k + P_256) / 512
        for (int i = 0; i < spectra.length; i++) {
            double timeEnergy = 0;
            for (int n = 0; n < 400; n++) {
                double v = noise[160 * i + n] * window[n];
                timeEnergy += v * v;
            }
            float[] p = spectra[i];
            double spectralEnergy = p[0] + p[256];
            for (int k = 1; k < 256; k++) {
                spectralEnergy += 2 * p[k];
            }
            assertThat(spectralEnergy / 512).as("frame %d", i).isCloseTo(timeEnergy, within(1e-4 * timeEnergy));
        }
    }

    @Test
    void shouldPeakAtTheBinOfABinCentredSine() {
        // Given a sine at bin 32 (1000 Hz)
        float[] tone = Signals.sine(1000, 0.25, 0.5);

        // When
        float[][] spectra = Stft.standard().extract(tone);

        // Then every frame peaks at bin 32, with 257 bins per frame
        assertThat(spectra[0]).hasSize(257);
        for (float[] p : spectra) {
            int peak = 0;
            for (int k = 1; k < p.length; k++) {
                if (p[k] > p[peak]) {
                    peak = k;
                }
            }
            assertThat(peak).isEqualTo(32);
            assertThat(Stft.standard().binFrequency(peak)).isEqualTo(1000.0);
        }
    }

    @ParameterizedTest(name = "{0} samples")
    @ValueSource(ints = {0, 1, 399, 400, 559, 560, 16_000, 16_001})
    void shouldEmitOneFramePerHopOnceAWholeFrameFits(int samples) {
        // Given / When
        float[][] spectra = Stft.standard().extract(new float[samples]);

        // Then
        assertThat(spectra).hasNumberOfRows(Signals.snipEdgeFrames(samples, 400, 160));
    }
}
