package io.bonafide.audio.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LogMelSpectrogramTest {

    @Test
    void shouldGiveSilenceTheFiniteLogFloor() {
        // Given digital silence
        float[] silence = Signals.silence(1);

        // When
        float[][] logMel = LogMelSpectrogram.standard().extract(silence);

        // Then every value is ln(1e-10), finite
        assertThat(logMel).hasNumberOfRows(98);
        for (float[] frame : logMel) {
            assertThat(frame).hasSize(80);
            for (float v : frame) {
                assertThat(v).isCloseTo((float) Math.log(1e-10), within(1e-4f));
            }
        }
    }

    @Test
    void shouldPutAToneInTheBandCentredNearestToIt() {
        // Given a 1 kHz tone
        float[] tone = Signals.sine(1000, 0.5, 0.5);
        double[] centres = LogMelSpectrogram.standard().filterbank().centreFrequencies();

        // When
        float[][] logMel = LogMelSpectrogram.standard().extract(tone);

        // Then the loudest band is one of the two whose centres bracket 1 kHz
        for (float[] frame : logMel) {
            int loudest = 0;
            for (int m = 1; m < frame.length; m++) {
                if (frame[m] > frame[loudest]) {
                    loudest = m;
                }
            }
            assertThat(Math.abs(centres[loudest] - 1000)).isLessThan(centres[loudest + 1] - centres[loudest - 1]);
        }
    }

    @Test
    void shouldOfferFortyBandsForCepstra() {
        assertThat(LogMelSpectrogram.withBands(40).dimension()).isEqualTo(40);
        assertThat(LogMelSpectrogram.withBands(40).extract(Signals.silence(0.1))[0]).hasSize(40);
    }
}
