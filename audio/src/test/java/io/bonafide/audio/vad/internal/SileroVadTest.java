package io.bonafide.audio.vad.internal;

import static io.bonafide.audio.vad.internal.Signals.padded;
import static io.bonafide.audio.vad.internal.Signals.voicedSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.bonafide.audio.vad.VadOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Silero detector on the model the build ships, over digital silence, seeded white noise and
 * espeak-ng speech framed by silence.
 */
class SileroVadTest {
    /**
     * How far the voiced time may be from the spoken span of the clip: about nine 32 ms windows,
     * room for an onset or a trailing consonant judged differently, far less than a word.
     */
    static final double SPEECH_TOLERANCE_SECONDS = 0.3;
    static final String SENTENCE = "The quick brown fox jumps over the lazy dog near the quiet river bank";
    static final String OTHER_SENTENCE = "Please hold the line while we connect your call to the next available agent";

    @TempDir
    static Path dir;
    static float[] speech;
    static float[] otherSpeech;
    static SileroModel model;
    static ExecutorService pool;

    @BeforeAll
    static void synthesizeSpeechAndLoadModel() throws Exception {
        speech = SynthesizedSpeech.synthesize(SENTENCE, dir, "fox");
        otherSpeech = SynthesizedSpeech.synthesize(OTHER_SENTENCE, dir, "agent");
        model = SileroModel.shared(VadOptions.DEFAULT_MODEL_RESOURCE, VadOptions.DEFAULT_INTRA_OP_THREADS);
        pool = Executors.newFixedThreadPool(4);
    }

    @AfterAll
    static void stopPool() {
        pool.shutdownNow();
    }

    @Test
    void shouldMeasureNoVoiceInDigitalSilence() {
        // Given ten seconds of zeros
        float[] silence = Signals.silence(10);

        // When
        SileroVad vad = new SileroVad(model);
        double voiced = voicedSeconds(vad, silence, 4000);

        // Then
        assertThat(vad.windows()).isEqualTo(312);
        assertThat(voiced).isZero();
    }

    @Test
    void shouldMeasureAlmostNoVoiceInLowLevelWhiteNoise() {
        // Given ten seconds of seeded white noise at -40 dBFS
        float[] noise = Signals.whiteNoise(10, 0.01, 20261121L);

        // When
        double voiced = voicedSeconds(new SileroVad(model), noise, 4000);

        // Then at most one short segment could be mistaken for speech
        assertThat(voiced).isLessThanOrEqualTo(0.3);
    }

    @Test
    void shouldMeasureAlmostNoVoiceInLouderWhiteNoise() {
        // Given ten seconds of seeded white noise at -26 dBFS, louder than the quiet parts of speech
        float[] noise = Signals.whiteNoise(10, 0.05, 7L);

        // When
        double voiced = voicedSeconds(new SileroVad(model), noise, 4000);

        // Then
        assertThat(voiced).isLessThanOrEqualTo(0.3);
    }

    @ParameterizedTest
    @ValueSource(strings = {SENTENCE, OTHER_SENTENCE})
    void shouldMeasureVoiceCloseToTheSpokenDurationWhenSpeechSitsBetweenSilences(String sentence) {
        // Given one second of silence, a sentence, one second of silence
        float[] clip = sentence.equals(SENTENCE) ? speech : otherSpeech;
        float[] signal = padded(clip, 1.0);

        // When
        double voiced = voicedSeconds(new SileroVad(model), signal, 1600);

        // Then
        assertThat(voiced).isCloseTo(SynthesizedSpeech.spokenSeconds(clip), within(SPEECH_TOLERANCE_SECONDS));
    }

    @Test
    void shouldStillMeasureTheSpokenDurationWhenLowLevelNoiseUnderliesTheSpeech() {
        // Given the padded sentence with seeded -40 dBFS noise over all of it
        float[] signal = padded(speech, 1.0);
        float[] noisy = Signals.mixed(signal, Signals.whiteNoise(signal.length / (double) Signals.RATE, 0.01, 99L));

        // When
        double voiced = voicedSeconds(new SileroVad(model), noisy, 1600);

        // Then
        assertThat(voiced).isCloseTo(SynthesizedSpeech.spokenSeconds(speech), within(SPEECH_TOLERANCE_SECONDS));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 7, 511, 512, 513, 4096, 100_000})
    void shouldMeasureTheSameVoiceWhateverTheBlockSize(int block) {
        // Given the padded sentence, measured once in a single block
        float[] signal = padded(speech, 1.0);
        double whole = voicedSeconds(new SileroVad(model), signal, signal.length);

        // When it is fed in blocks of another size
        double blocked = voicedSeconds(new SileroVad(model), signal, block);

        // Then the windows, and so the result, are the same to the bit
        assertThat(whole).isPositive();
        assertThat(blocked).isEqualTo(whole);
    }

    @Test
    void shouldIgnoreTheIncompleteLastWindow() {
        // Given less than one window of speech
        float[] start = Arrays.copyOfRange(speech, 8000, 8000 + SileroModel.WINDOW_SAMPLES - 1);

        // When
        SileroVad vad = new SileroVad(model);
        double voiced = voicedSeconds(vad, start, start.length);

        // Then nothing is analysed yet
        assertThat(vad.windows()).isZero();
        assertThat(voiced).isZero();
    }

    @Test
    void shouldKeepChannelsApartWhenTwoDetectorsInterleaveOnOneSession() {
        // Given each channel measured alone
        float[] speechChannel = padded(speech, 1.0);
        float[] noiseChannel = Signals.whiteNoise(speechChannel.length / (double) Signals.RATE, 0.01, 5L);
        double speechAlone = voicedSeconds(new SileroVad(model), speechChannel, 1000);
        double noiseAlone = voicedSeconds(new SileroVad(model), noiseChannel, 1000);

        // When both are fed block by block, alternating, on the same shared session
        SileroVad speechVad = new SileroVad(model);
        SileroVad noiseVad = new SileroVad(model);
        for (int offset = 0; offset < speechChannel.length; offset += 1000) {
            int length = Math.min(1000, speechChannel.length - offset);
            speechVad.accept(speechChannel, offset, length);
            noiseVad.accept(noiseChannel, offset, length);
        }

        // Then each gets exactly what it got alone
        assertThat(speechVad.voicedSeconds()).isEqualTo(speechAlone).isPositive();
        assertThat(noiseVad.voicedSeconds()).isEqualTo(noiseAlone);
    }

    @Test
    void shouldKeepChannelsApartWhenDetectorsRunConcurrentlyOnOneSession() throws Exception {
        // Given two different channels and their results measured alone
        float[] first = padded(speech, 1.0);
        float[] second = padded(otherSpeech, 0.5);
        double firstAlone = voicedSeconds(new SileroVad(model), first, 512);
        double secondAlone = voicedSeconds(new SileroVad(model), second, 512);

        // When four detectors run at once on the shared session, two per channel
        List<Callable<Double>> jobs = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            jobs.add(() -> voicedSeconds(new SileroVad(model), first, 777));
            jobs.add(() -> voicedSeconds(new SileroVad(model), second, 333));
        }
        List<Double> results = new ArrayList<>();
        for (Future<Double> result : pool.invokeAll(jobs)) {
            results.add(result.get());
        }

        // Then every one of them gets what its channel got alone
        assertThat(results).containsExactly(firstAlone, secondAlone, firstAlone, secondAlone);
    }

    @Test
    void shouldLoadOneSessionPerJvmAndSettings() {
        // Given the model already loaded with the default settings

        // When it is asked for again
        SileroModel again = SileroModel.shared(VadOptions.DEFAULT_MODEL_RESOURCE, VadOptions.DEFAULT_INTRA_OP_THREADS);

        // Then it is the same instance, holding the model the build fetched
        assertThat(again).isSameAs(model);
        assertThat(again.sha256()).isEqualTo("2623a2953f6ff3d2c1e61740c6cdb7168133479b267dfef114a4a3cc5bdd788f");
    }
}
