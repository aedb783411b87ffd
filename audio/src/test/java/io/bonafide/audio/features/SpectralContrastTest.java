package io.bonafide.audio.features;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SpectralContrastTest {

    @Test
    void shouldFindMoreContrastInAToneThanInWhiteNoise() {
        // Given a 1 kHz tone (octave band 4, 800 to 1600 Hz) and white noise
        float[][] tone = SpectralContrast.standard().extract(Signals.sine(1000, 1, 0.1));
        float[][] noise = SpectralContrast.standard().extract(Signals.whiteNoise(1, 0.1, 23));

        // When averaged over frames
        float[] toneMeans = FrameStatistics.of(tone, 7).means();
        float[] noiseMeans = FrameStatistics.of(noise, 7).means();

        // Then there are 7 bands, and the tone's band stands out far more than any band of noise
        assertThat(tone[0]).hasSize(7);
        assertThat(toneMeans[3]).isGreaterThan(40f);
        for (int band = 0; band < 7; band++) {
            assertThat(noiseMeans[band]).as("noise contrast in band %d", band).isLessThan(25f);
        }
    }

    @Test
    void shouldGiveSilenceZeroContrast() {
        for (float[] frame : SpectralContrast.standard().extract(Signals.silence(0.2))) {
            assertThat(frame).containsOnly(0f);
        }
    }
}
