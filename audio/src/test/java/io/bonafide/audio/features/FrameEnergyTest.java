package io.bonafide.audio.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class FrameEnergyTest {

    @Test
    void shouldMeasureASineAtItsRmsAndLogEnergy() {
        // Given a 500 Hz sine of amplitude 0.6, 20 periods per 400-sample frame... and then some
        float[] tone = Signals.sine(500, 0.5, 0.6);

        // When
        float[][] energy = FrameEnergy.standard().extract(tone);

        // Then rms = A / sqrt 2 and log energy = ln(400 A^2 / 2)
        for (float[] frame : energy) {
            assertThat(frame[0]).isCloseTo((float) (0.6 / Math.sqrt(2)), within(1e-4f));
            assertThat(frame[1]).isCloseTo((float) Math.log(400 * 0.36 / 2), within(1e-4f));
        }
    }

    @Test
    void shouldFloorTheLogEnergyOfSilence() {
        for (float[] frame : FrameEnergy.standard().extract(Signals.silence(0.2))) {
            assertThat(frame[0]).isZero();
            assertThat(frame[1]).isCloseTo((float) Math.log(1e-10), within(1e-4f));
        }
    }
}
