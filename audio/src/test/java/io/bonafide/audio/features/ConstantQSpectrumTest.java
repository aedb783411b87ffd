package io.bonafide.audio.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConstantQSpectrumTest {

    @ParameterizedTest(name = "bin {0}")
    @ValueSource(ints = {0, 30, 48, 100, 167})
    void shouldPeakAtTheBinOfASineOnItsCentreWithHalfItsAmplitude(int bin) {
        // Given a sine of amplitude 0.5 on the centre of a bin
        ConstantQSpectrum cqt = ConstantQSpectrum.standard();
        double frequency = cqt.centreFrequencies()[bin];
        float[] tone = Signals.sine(frequency, 1.5, 0.5);

        // When
        float[][] spectrum = cqt.extract(tone);

        // Then a frame in the middle peaks at that bin with |X| = A / 2, i.e. ln(0.0625)
        float[] frame = spectrum[spectrum.length / 2];
        int peak = 0;
        for (int k = 1; k < frame.length; k++) {
            if (frame[k] > frame[peak]) {
                peak = k;
            }
        }
        assertThat(peak).isEqualTo(bin);
        assertThat(frame[peak]).isCloseTo((float) Math.log(0.0625), within(0.01f));
    }

    @Test
    void shouldDescribeItsBinsAndFrames() {
        ConstantQSpectrum cqt = ConstantQSpectrum.standard();
        assertThat(cqt.dimension()).isEqualTo(168);
        assertThat(cqt.centreFrequencies()[24]).isCloseTo(125.0, within(1e-9));
        assertThat(cqt.fftSize()).isEqualTo(16_384);
        float[][] silence = cqt.extract(Signals.silence(0.5));
        assertThat(silence).hasNumberOfRows(Signals.snipEdgeFrames(8000, 400, 160));
        for (float v : silence[0]) {
            assertThat(v).isCloseTo((float) Math.log(1e-10), within(1e-5f));
        }
    }
}
