package io.bonafide.audio.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.bonafide.audio.MediaException;
import io.bonafide.audio.decode.testing.ExternalTools;
import io.bonafide.audio.decode.testing.Fixtures;
import io.bonafide.audio.decode.testing.OggPages;
import io.bonafide.audio.decode.testing.TestSignal;
import io.bonafide.audio.decode.testing.WavBytes;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Seeded mutation fuzzing of every decoder: 10,000 mutants per format of small valid files (byte
 * flips, truncations, insertions, deletions, header-field corruption). Each mutant must either
 * decode to the end or be rejected with a {@link MediaException}; any other throwable, or a
 * single decode taking more than two seconds, fails the test. The counts printed at the end are
 * the ones docs/audio-decoding.md reports.
 */
class DecoderFuzzTest {
    private static final int MUTANTS_PER_FORMAT = 10_000;
    private static final long SLOW_DECODE_NANOS = Duration.ofSeconds(2).toNanos();
    private static final Duration FORMAT_DEADLINE = Duration.ofSeconds(150);
    private static final int READ_FRAMES = 1024;

    @TempDir
    static Path dir;

    private static final Map<MediaFormat, List<byte[]>> SEEDS = new EnumMap<>(MediaFormat.class);

    @BeforeAll
    static void createSeedFiles() throws IOException {
        int rate = 16000;
        float[] mono = TestSignal.interleaved(rate, 1, 0.4, 7);
        float[] stereo = TestSignal.interleaved(rate, 2, 0.4, 8);
        Path monoWav = dir.resolve("mono.wav");
        Path stereoWav = dir.resolve("stereo.wav");
        Files.write(monoWav, WavBytes.floatWav(mono, 1, rate));
        Files.write(stereoWav, WavBytes.floatWav(stereo, 2, rate));

        List<byte[]> wav = new ArrayList<>();
        wav.add(WavBytes.riff().chunk("fmt ", WavBytes.fmt(1, 2, rate, 16)).chunk("LIST", new byte[] {1, 2, 3})
                .chunk("data", WavBytes.s16Data(stereo)).bytes());
        wav.add(Files.readAllBytes(monoWav));
        SEEDS.put(MediaFormat.WAV, wav);
        if (!ExternalTools.available("ffmpeg") || !ExternalTools.available("lame")
                || !ExternalTools.available("oggenc")) {
            return;
        }
        wav.add(encode("ffmpeg", stereoWav, "extensible.wav", "-c:a", "pcm_s24le", "-rf64", "always"));
        wav.add(encode("ffmpeg", monoWav, "mulaw.wav", "-c:a", "pcm_mulaw"));
        SEEDS.put(MediaFormat.FLAC, List.of(
                encode("ffmpeg", stereoWav, "s16.flac", "-c:a", "flac", "-sample_fmt", "s16"),
                encode("ffmpeg", monoWav, "s24.flac", "-c:a", "flac", "-sample_fmt", "s32")));
        SEEDS.put(MediaFormat.MP3, List.of(
                encode("lame", stereoWav, "cbr.mp3", "-b", "64"),
                encode("lame", monoWav, "vbr.mp3", "-V", "5")));
        SEEDS.put(MediaFormat.OGG, List.of(
                encode("oggenc", stereoWav, "stereo.ogg", "-q", "0"),
                encode("oggenc", monoWav, "mono.ogg", "-q", "2")));
    }

    private static byte[] encode(String tool, Path wav, String name, String... options) throws IOException {
        Path out = dir.resolve(name);
        List<String> command = new ArrayList<>();
        switch (tool) {
            case "ffmpeg" -> {
                command.addAll(List.of("-i", wav.toString()));
                command.addAll(List.of(options));
                command.add(out.toString());
                ExternalTools.ffmpeg(command.toArray(String[]::new));
                return Files.readAllBytes(out);
            }
            case "lame" -> command.addAll(List.of("lame", "--quiet"));
            default -> command.addAll(List.of("oggenc", "--quiet", "-o", out.toString()));
        }
        command.addAll(List.of(options));
        command.add(wav.toString());
        if (tool.equals("lame")) {
            command.add(out.toString());
        }
        ExternalTools.run(null, command.toArray(String[]::new));
        return Files.readAllBytes(out);
    }

    @ParameterizedTest
    @EnumSource(MediaFormat.class)
    void shouldDecodeOrRejectEveryMutantWithAMediaException(MediaFormat format) {
        // Given small valid files of the format and a seeded mutator
        List<byte[]> seeds = SEEDS.get(format);
        Fixtures.requireThat(seeds != null, "the encoders for " + format + " seeds are not installed");
        SplittableRandom random = new SplittableRandom(0x0B0AF1DEL + format.ordinal());

        // When every mutant is decoded to the end
        Tally tally = assertTimeoutPreemptively(FORMAT_DEADLINE, () -> withoutJflacChatter(() -> {
            Tally t = new Tally();
            for (int i = 0; i < MUTANTS_PER_FORMAT; i++) {
                byte[] seed = seeds.get(i % seeds.size());
                Mutant mutant = Mutant.of(seed, random);
                if (format == MediaFormat.OGG && random.nextBoolean()) {
                    // Page CRCs would reject most damage before a parser sees it; re-seal half the mutants.
                    mutant = new Mutant(mutant.kind() + "+crc", OggPages.resealed(mutant.bytes()));
                }
                t.record(i, mutant, decode(mutant.bytes()));
            }
            return t;
        }));

        // Then each decoded or was rejected with a media error, and none was slow
        System.out.printf(Locale.ROOT, "fuzz %s: %s%n", format.wireName(), tally);
        assertThat(tally.failures).as("mutants that escaped as other throwables").isEmpty();
        assertThat(tally.slow).as("mutants that took more than 2 s").isEmpty();
        assertThat(tally.decoded + tally.rejected()).isEqualTo(MUTANTS_PER_FORMAT);
    }

    /**
     * Runs {@code fuzz} with System.out muted: jflac prints a debug line for every escape-coded
     * residual partition, and damaged frames are full of them (thousands of lines per run).
     */
    private static <T> T withoutJflacChatter(Callable<T> fuzz) throws Exception {
        PrintStream out = System.out;
        System.setOut(new PrintStream(OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8));
        try {
            return fuzz.call();
        } finally {
            System.setOut(out);
        }
    }

    /** The outcome of one decode: frames read, or the throwable, and how long it took. */
    private record Outcome(long frames, Throwable failure, long nanos) {
    }

    private static Outcome decode(byte[] bytes) {
        long start = System.nanoTime();
        long frames = 0;
        Throwable failure = null;
        try (PcmStream pcm = AudioDecoders.open(new ByteArrayInputStream(bytes))) {
            float[] block = new float[READ_FRAMES * pcm.info().channelCount()];
            for (int n; (n = pcm.read(block, READ_FRAMES)) > 0; ) {
                frames += n;
            }
        } catch (Throwable t) {
            failure = t;
        }
        return new Outcome(frames, failure, System.nanoTime() - start);
    }

    /** How one seed file was damaged. */
    private record Mutant(String kind, byte[] bytes) {

        static Mutant of(byte[] seed, SplittableRandom random) {
            byte[] b = seed.clone();
            switch (random.nextInt(6)) {
                case 0 -> {
                    int flips = 1 + random.nextInt(8);
                    for (int i = 0; i < flips; i++) {
                        b[random.nextInt(b.length)] ^= (byte) (1 << random.nextInt(8));
                    }
                    return new Mutant("bit-flips", b);
                }
                case 1 -> {
                    int bytes = 1 + random.nextInt(16);
                    for (int i = 0; i < bytes; i++) {
                        b[random.nextInt(b.length)] = (byte) random.nextInt(256);
                    }
                    return new Mutant("byte-overwrites", b);
                }
                case 2 -> {
                    return new Mutant("truncation", Arrays.copyOf(b, random.nextInt(b.length)));
                }
                case 3 -> {
                    int at = random.nextInt(b.length + 1);
                    byte[] inserted = new byte[1 + random.nextInt(64)];
                    random.nextBytes(inserted);
                    byte[] out = new byte[b.length + inserted.length];
                    System.arraycopy(b, 0, out, 0, at);
                    System.arraycopy(inserted, 0, out, at, inserted.length);
                    System.arraycopy(b, at, out, at + inserted.length, b.length - at);
                    return new Mutant("insertion", out);
                }
                case 4 -> {
                    int at = random.nextInt(b.length);
                    int length = Math.min(b.length - at, 1 + random.nextInt(256));
                    byte[] out = new byte[b.length - length];
                    System.arraycopy(b, 0, out, 0, at);
                    System.arraycopy(b, at + length, out, at, b.length - at - length);
                    return new Mutant("deletion", out);
                }
                default -> {
                    // Headers live in the first few hundred bytes (a Vorbis setup header in the first few KB):
                    // hit fields there with the values that break parsers: 0, all ones, sign bits, random.
                    int region = Math.min(b.length, random.nextBoolean() ? 64 : 4096);
                    int fields = 1 + random.nextInt(3);
                    for (int f = 0; f < fields; f++) {
                        int at = random.nextInt(region);
                        int width = Math.min(b.length - at, 1 << random.nextInt(3));
                        byte value = switch (random.nextInt(4)) {
                            case 0 -> 0;
                            case 1 -> (byte) 0xff;
                            case 2 -> (byte) 0x80;
                            default -> (byte) random.nextInt(256);
                        };
                        Arrays.fill(b, at, at + width, value);
                    }
                    return new Mutant("header-fields", b);
                }
            }
        }
    }

    /** Counts per outcome, and the first few of anything that failed the contract. */
    private static final class Tally {
        private int decoded;
        private final Map<String, Integer> rejectedByType = new TreeMap<>();
        private final Map<String, Integer> byKind = new TreeMap<>();
        private final List<String> failures = new ArrayList<>();
        private final List<String> slow = new ArrayList<>();
        private long slowestNanos;

        void record(int index, Mutant mutant, Outcome outcome) {
            byKind.merge(mutant.kind(), 1, Integer::sum);
            slowestNanos = Math.max(slowestNanos, outcome.nanos());
            if (outcome.nanos() > SLOW_DECODE_NANOS) {
                slow.add("#" + index + " " + mutant.kind() + " " + outcome.nanos() / 1_000_000 + " ms");
            }
            Throwable failure = outcome.failure();
            if (failure == null) {
                decoded++;
            } else if (failure instanceof MediaException media) {
                rejectedByType.merge(media.type().wireName(), 1, Integer::sum);
            } else if (failures.size() < 20) {
                StringBuilder trace = new StringBuilder("#" + index + " " + mutant.kind() + ": " + failure);
                for (StackTraceElement e : failure.getStackTrace()) {
                    trace.append("\n    at ").append(e);
                }
                failures.add(trace.toString());
            } else {
                failures.add("#" + index + " " + failure);
            }
        }

        int rejected() {
            return rejectedByType.values().stream().mapToInt(Integer::intValue).sum();
        }

        @Override
        public String toString() {
            return "decoded " + decoded + ", rejected " + rejectedByType + ", other throwables " + failures.size()
                    + ", slowest " + slowestNanos / 1_000_000 + " ms, mutations " + byKind;
        }
    }
}
