package io.bonafide.audio.vad.internal;

import static io.bonafide.audio.vad.internal.Signals.padded;
import static io.bonafide.audio.vad.internal.Signals.voicedSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The energy fallback on the same inputs as the Silero detector, plus the cases its noise floor must handle. */
class EnergyVadTest {
    @TempDir
    static Path dir;
    static float[] speech;
    static float[] otherSpeech;

    @BeforeAll
    static void synthesizeSpeech() throws Exception {
        speech = SynthesizedSpeech.synthesize(SileroVadTest.SENTENCE, dir, "fox");
        otherSpeech = SynthesizedSpeech.synthesize(SileroVadTest.OTHER_SENTENCE, dir, "agent");
    }

    @Test
    void shouldMeasureNoVoiceInDigitalSilence() {
        // Given ten seconds of zeros
        float[] silence = Signals.silence(10);

        // When
        double voiced = voicedSeconds(new EnergyVad(), silence, 4000);

        // Then
        assertThat(voiced).isZero();
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.001, 0.01, 0.05})
    void shouldMeasureAlmostNoVoiceInSteadyWhiteNoise(double rms) {
        // Given ten seconds of seeded white noise at -60, -40 or -26 dBFS
        float[] noise = Signals.whiteNoise(10, rms, 20261121L);

        // When
        double voiced = voicedSeconds(new EnergyVad(), noise, 4000);

        // Then
        assertThat(voiced).isLessThanOrEqualTo(0.3);
    }

    @Test
    void shouldNotTakeNoiseThatFollowsDigitalSilenceForSpeech() {
        // Given two seconds of zeros, then eight of -40 dBFS noise (a codec's priming, then the room)
        float[] signal = Signals.concat(Signals.silence(2), Signals.whiteNoise(8, 0.01, 3L));

        // When
        double voiced = voicedSeconds(new EnergyVad(), signal, 4000);

        // Then the noise sets the floor as soon as it starts
        assertThat(voiced).isLessThanOrEqualTo(0.3);
    }

    @ParameterizedTest
    @ValueSource(strings = {SileroVadTest.SENTENCE, SileroVadTest.OTHER_SENTENCE})
    void shouldMeasureVoiceCloseToTheSpokenDurationWhenSpeechSitsBetweenSilences(String sentence) {
        // Given one second of silence, a sentence, one second of silence
        float[] clip = sentence.equals(SileroVadTest.SENTENCE) ? speech : otherSpeech;
        float[] signal = padded(clip, 1.0);

        // When
        double voiced = voicedSeconds(new EnergyVad(), signal, 1600);

        // Then
        assertThat(voiced).isCloseTo(SynthesizedSpeech.spokenSeconds(clip),
                within(SileroVadTest.SPEECH_TOLERANCE_SECONDS));
    }

    @Test
    void shouldStillMeasureTheSpokenDurationWhenLowLevelNoiseUnderliesTheSpeech() {
        // Given the padded sentence with seeded -40 dBFS noise over all of it
        float[] signal = padded(speech, 1.0);
        float[] noisy = Signals.mixed(signal, Signals.whiteNoise(signal.length / (double) Signals.RATE, 0.01, 99L));

        // When
        double voiced = voicedSeconds(new EnergyVad(), noisy, 1600);

        // Then
        assertThat(voiced).isCloseTo(SynthesizedSpeech.spokenSeconds(speech),
                within(SileroVadTest.SPEECH_TOLERANCE_SECONDS));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 7, 479, 480, 481, 4096, 100_000})
    void shouldMeasureTheSameVoiceWhateverTheBlockSize(int block) {
        // Given the padded sentence, measured once in a single block
        float[] signal = padded(speech, 1.0);
        double whole = voicedSeconds(new EnergyVad(), signal, signal.length);

        // When it is fed in blocks of another size
        double blocked = voicedSeconds(new EnergyVad(), signal, block);

        // Then
        assertThat(whole).isPositive();
        assertThat(blocked).isEqualTo(whole);
    }
}
