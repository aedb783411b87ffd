package io.bonafide.audio.features;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every extractor must give the same frames whether fed all at once or in ragged blocks. */
class FeatureStreamingTest {

    static Stream<Arguments> extractors() {
        return Stream.of(
                Arguments.of("Stft", Stft.standard()),
                Arguments.of("LogMelSpectrogram", LogMelSpectrogram.standard()),
                Arguments.of("Mfcc", Mfcc.standard()),
                Arguments.of("Lfcc", Lfcc.standard()),
                Arguments.of("ConstantQSpectrum", ConstantQSpectrum.standard()),
                Arguments.of("FrameEnergy", FrameEnergy.standard()),
                Arguments.of("ZeroCrossingRate", ZeroCrossingRate.standard()),
                Arguments.of("SpectralShape", SpectralShape.standard()),
                Arguments.of("SpectralContrast", SpectralContrast.standard()),
                Arguments.of("YinPitch", YinPitch.standard()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("extractors")
    void shouldEmitTheSameFramesWhateverTheBlockSizes(String name, FeatureExtractor extractor) {
        // Given 1.3 s of noise and its features computed in one go
        float[] noise = Signals.whiteNoise(1.3, 0.2, 31);
        float[][] whole = extractor.extract(noise);

        // When the same samples arrive in seeded random blocks, empty ones included
        Random random = new Random(37);
        List<float[]> frames = new ArrayList<>();
        FeatureStream stream = extractor.stream(frame -> frames.add(frame.clone()));
        int offset = 0;
        while (offset < noise.length) {
            int block = Math.min(noise.length - offset, random.nextInt(4) == 0 ? random.nextInt(3) : random.nextInt(2000));
            stream.accept(noise, offset, block);
            offset += block;
        }
        stream.finish();

        // Then the frames are identical, each of the advertised dimension
        assertThat(frames).hasSize(whole.length);
        for (int i = 0; i < whole.length; i++) {
            assertThat(frames.get(i)).as("frame %d", i).hasSize(extractor.dimension()).containsExactly(whole[i]);
        }
    }
}
