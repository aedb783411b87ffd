package io.bonafide.audio.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class MelFilterbankTest {

    @ParameterizedTest(name = "{0} bands")
    @ValueSource(ints = {40, 80})
    void shouldBuildNonNegativeSingleHumpedFiltersWithRisingCentresInsideTheBand(int bands) {
        // Given / When
        MelFilterbank filterbank = MelFilterbank.of(bands);
        float[][] weights = filterbank.weights();
        double[] centres = filterbank.centreFrequencies();

        // Then there are as many filters as bands over 257 bins, centres strictly rising within 20..7600 Hz
        assertThat(weights).hasNumberOfRows(bands);
        assertThat(weights[0]).hasSize(257);
        for (int m = 0; m < bands; m++) {
            assertThat(centres[m]).isBetween(20.0, 7600.0);
            if (m > 0) {
                assertThat(centres[m]).isGreaterThan(centres[m - 1]);
            }
            // and each filter rises then falls (one hump), never negative, zero outside 20..7600 Hz
            float[] w = weights[m];
            int k = 0;
            while (k + 1 < w.length && w[k + 1] >= w[k]) {
                k++;
            }
            while (k + 1 < w.length && w[k + 1] <= w[k]) {
                k++;
            }
            assertThat(k).as("filter %d is single-humped", m).isEqualTo(w.length - 1);
            for (int b = 0; b < w.length; b++) {
                assertThat(w[b]).isGreaterThanOrEqualTo(0f);
                double f = b * 31.25;
                if (f <= 20 || f >= 7600) {
                    assertThat(w[b]).as("filter %d at %.2f Hz", m, f).isZero();
                }
            }
        }
    }

    @Test
    void shouldGiveEveryFilterUnitAreaPerHertzWhenItSpansManyBins() {
        // Given the 40-band filterbank, whose upper filters span many 31.25 Hz bins
        MelFilterbank filterbank = MelFilterbank.of(40);
        float[][] weights = filterbank.weights();

        // Then (Slaney normalisation) the sampled area of each wide filter is close to one
        for (int m = 20; m < 40; m++) {
            double area = 0;
            for (float w : weights[m]) {
                area += w * 31.25;
            }
            assertThat(area).as("area of filter %d", m).isCloseTo(1.0, within(0.03));
        }
    }

    @Test
    void shouldMapFrequenciesOnBothMelScalesAsTheirDefinitionsSay() {
        // Slaney: linear below 1 kHz (15 mel at 1 kHz), logarithmic above; HTK: 2595 log10(1 + f / 700)
        assertThat(MelScale.SLANEY.toMel(1000)).isCloseTo(15.0, within(1e-12));
        assertThat(MelScale.SLANEY.toMel(500)).isCloseTo(7.5, within(1e-12));
        assertThat(MelScale.SLANEY.toMel(6400)).isCloseTo(42.0, within(1e-9));
        assertThat(MelScale.HTK.toMel(700)).isCloseTo(2595 * Math.log10(2), within(1e-9));
    }

    @ParameterizedTest
    @EnumSource(MelScale.class)
    void shouldRoundTripBetweenHertzAndMel(MelScale scale) {
        for (double hz = 0; hz <= 8000; hz += 123.25) {
            assertThat(scale.toHz(scale.toMel(hz))).isCloseTo(hz, within(1e-6));
        }
    }

    @Test
    void shouldRejectABandBeyondNyquist() {
        assertThatThrownBy(() -> new MelFilterbank(16_000, 512, 80, 20, 9000, MelScale.SLANEY))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxHz 9000");
    }
}
