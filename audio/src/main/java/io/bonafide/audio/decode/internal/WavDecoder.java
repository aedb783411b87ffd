package io.bonafide.audio.decode.internal;

import io.bonafide.audio.decode.MediaFormat;
import io.bonafide.audio.decode.MediaInfo;
import io.bonafide.audio.decode.PcmStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;

/**
 * Streaming WAV decoder (RIFF, RF64 and BW64): walks the chunks in whatever order they come,
 * skipping the ones it does not need (LIST, JUNK, bext, fact, …) with their pad bytes, then reads
 * the data chunk block by block. Integer PCM of 1–32 bits (in 8/16/24/32-bit containers), IEEE
 * float 32/64, A-law, µ-law and WAVE_FORMAT_EXTENSIBLE with a PCM, float, A-law or µ-law
 * subformat. A data size of 0 or 0xFFFFFFFF, or one larger than the file (streaming writers),
 * means "up to the end of the input"; a trailing partial frame is dropped, as ffmpeg does.
 */
public final class WavDecoder implements PcmStream {
    static final int MAX_CHANNELS = 64;
    static final int MAX_SAMPLE_RATE = 768_000;
    /** A data chunk before fmt has to be held until fmt is found; beyond this we refuse. */
    static final int MAX_EARLY_DATA = 16 * 1024 * 1024;
    private static final int BLOCK_BYTES = 64 * 1024;
    private static final long UNKNOWN_SIZE = 0xFFFFFFFFL;
    /** The tail of KSDATAFORMAT_SUBTYPE_* GUIDs; the first four bytes carry the format tag. */
    private static final byte[] SUBFORMAT_GUID_TAIL = {
        0x00, 0x00, 0x10, 0x00, (byte) 0x80, 0x00, 0x00, (byte) 0xaa, 0x00, 0x38, (byte) 0x9b, 0x71};

    /** How samples are stored and how ffmpeg turns them into f32. */
    enum Encoding {
        U8(1, "pcm_u8"), S16(2, "pcm_s16le"), S24(3, "pcm_s24le"), S32(4, "pcm_s32le"),
        F32(4, "pcm_f32le"), F64(8, "pcm_f64le"), ALAW(1, "pcm_alaw"), MULAW(1, "pcm_mulaw");

        final int bytes;
        final String codec;

        Encoding(int bytes, String codec) {
            this.bytes = bytes;
            this.codec = codec;
        }
    }

    private final MediaInfo info;
    private final Encoding encoding;
    private final int channels;
    private final int frameSize;
    private final InputStream data;
    private final InputStream owned;
    private final SourceInputStream source;
    private final byte[] raw;
    private long remaining;
    private int pending;
    private long framesRead;
    private boolean ended;
    private boolean closed;
    private RuntimeException failure;

    private WavDecoder(Format format, long dataSize, InputStream data, InputStream owned, SourceInputStream source) {
        this.encoding = format.encoding;
        this.channels = format.channels;
        this.frameSize = format.channels * format.encoding.bytes;
        this.data = data;
        this.owned = owned;
        this.source = source;
        this.remaining = dataSize < 0 ? Long.MAX_VALUE : dataSize;
        this.raw = new byte[Math.max(1, BLOCK_BYTES / frameSize) * frameSize];
        this.info = new MediaInfo(MediaFormat.WAV, encoding.codec, format.sampleRate, channels,
                dataSize < 0 ? -1 : dataSize / frameSize);
    }

    /**
     * Reads the chunks up to the start of the samples.
     *
     * @param in     the file from its first byte ("RIFF", "RF64" or "BW64")
     * @param source the caller's stream under {@code in}, for telling I/O failures from bad bytes
     */
    public static PcmStream open(InputStream in, SourceInputStream source) throws IOException {
        byte[] header = new byte[12];
        if (StreamBytes.readUpTo(in, header, 0, header.length) < header.length) {
            throw MediaErrors.undecodable(MediaFormat.WAV, "the input ends inside the RIFF header");
        }
        boolean sixtyFour = !StreamBytes.hasTag(header, 0, header.length, "RIFF");
        Format format = null;
        long ds64DataSize = -1;
        byte[] earlyData = null;
        byte[] chunk = new byte[8];
        while (true) {
            if (StreamBytes.readUpTo(in, chunk, 0, 8) < 8) {
                throw MediaErrors.undecodable(MediaFormat.WAV, format == null
                        ? "no fmt chunk before the end of the input" : "no data chunk before the end of the input");
            }
            long size = StreamBytes.u32le(chunk, 4);
            long padded = size + (size & 1);
            if (StreamBytes.hasTag(chunk, 0, 8, "ds64")) {
                byte[] ds64 = readChunkPrefix(in, size, 24, "ds64");
                ds64DataSize = StreamBytes.u64le(ds64, 8);
                skipRest(in, padded - 24);
            } else if (StreamBytes.hasTag(chunk, 0, 8, "fmt ")) {
                int wanted = (int) Math.min(size, 40);
                byte[] fmt = readChunkPrefix(in, size, Math.max(16, wanted), "fmt");
                format = Format.parse(fmt, wanted);
                skipRest(in, padded - Math.max(16, wanted));
                if (earlyData != null) {
                    return new WavDecoder(format, earlyData.length, new ByteArrayInputStream(earlyData), in, source);
                }
            } else if (StreamBytes.hasTag(chunk, 0, 8, "data")) {
                long dataSize = size;
                if (sixtyFour && size == UNKNOWN_SIZE && ds64DataSize >= 0) {
                    dataSize = ds64DataSize;
                } else if (size == 0 || size == UNKNOWN_SIZE) {
                    dataSize = -1;
                }
                if (format != null) {
                    return new WavDecoder(format, dataSize, in, in, source);
                }
                earlyData = readEarlyData(in, dataSize);
                skipRest(in, padded - dataSize);
            } else {
                skipRest(in, padded);
            }
        }
    }

    private static byte[] readChunkPrefix(InputStream in, long size, int length, String name) throws IOException {
        if (size < length) {
            throw MediaErrors.undecodable(MediaFormat.WAV, "the " + name + " chunk is " + size + " bytes, too short");
        }
        byte[] bytes = new byte[length];
        if (StreamBytes.readUpTo(in, bytes, 0, length) < length) {
            throw MediaErrors.undecodable(MediaFormat.WAV, "the input ends inside the " + name + " chunk");
        }
        return bytes;
    }

    /** ffmpeg accepts data before fmt only where it can seek back; we hold a small one in memory instead. */
    private static byte[] readEarlyData(InputStream in, long dataSize) throws IOException {
        if (dataSize < 0 || dataSize > MAX_EARLY_DATA) {
            throw MediaErrors.undecodable(MediaFormat.WAV, "the data chunk comes before the fmt chunk and is "
                    + (dataSize < 0 ? "of unknown size" : "larger than " + MAX_EARLY_DATA + " bytes"));
        }
        byte[] bytes = new byte[(int) dataSize];
        if (StreamBytes.readUpTo(in, bytes, 0, bytes.length) < bytes.length) {
            throw MediaErrors.undecodable(MediaFormat.WAV, "the input ends inside a data chunk that precedes fmt");
        }
        return bytes;
    }

    private static void skipRest(InputStream in, long count) throws IOException {
        if (count > 0) {
            // Falling short just means the next chunk header read meets the end of the input.
            StreamBytes.skipUpTo(in, count);
        }
    }

    @Override
    public MediaInfo info() {
        return info;
    }

    @Override
    public int read(float[] interleaved, int maxFrames) {
        BlockPcmStream.checkReadArguments(interleaved, maxFrames, channels, closed);
        if (failure != null) {
            throw failure;
        }
        if (ended) {
            return -1;
        }
        int frames;
        try {
            int framesWanted = Math.min(maxFrames, raw.length / frameSize);
            int want = (int) Math.min((long) framesWanted * frameSize - pending, remaining);
            int got = StreamBytes.readUpTo(data, raw, pending, want);
            remaining -= got;
            int available = pending + got;
            if (got < want || remaining == 0) {
                ended = true;
            }
            frames = available / frameSize;
            convert(frames, interleaved);
            pending = available - frames * frameSize;
            System.arraycopy(raw, frames * frameSize, raw, 0, pending);
        } catch (IOException | RuntimeException e) {
            failure = MediaErrors.translate(e, source, MediaFormat.WAV);
            throw failure;
        }
        if (frames == 0) {
            ended = true;
            return -1;
        }
        framesRead += frames;
        return frames;
    }

    private void convert(int frames, float[] out) {
        int samples = frames * channels;
        byte[] b = raw;
        switch (encoding) {
            case U8 -> {
                for (int i = 0; i < samples; i++) {
                    out[i] = ((b[i] & 0xff) - 0x80) * (1f / 128);
                }
            }
            case S16 -> {
                for (int i = 0, p = 0; i < samples; i++, p += 2) {
                    out[i] = (short) ((b[p] & 0xff) | b[p + 1] << 8) * (1f / 32768);
                }
            }
            case S24 -> {
                for (int i = 0, p = 0; i < samples; i++, p += 3) {
                    out[i] = ((b[p] & 0xff) | (b[p + 1] & 0xff) << 8 | b[p + 2] << 16) * (1f / 8388608);
                }
            }
            case S32 -> {
                for (int i = 0, p = 0; i < samples; i++, p += 4) {
                    out[i] = (float) int32(b, p) * (1f / 2147483648f);
                }
            }
            case F32 -> {
                for (int i = 0, p = 0; i < samples; i++, p += 4) {
                    out[i] = Float.intBitsToFloat(int32(b, p));
                }
            }
            case F64 -> {
                for (int i = 0, p = 0; i < samples; i++, p += 8) {
                    long bits = (int32(b, p) & 0xffffffffL) | (long) int32(b, p + 4) << 32;
                    out[i] = (float) Double.longBitsToDouble(bits);
                }
            }
            case ALAW -> {
                for (int i = 0; i < samples; i++) {
                    out[i] = G711.alaw(b[i]) * (1f / 32768);
                }
            }
            case MULAW -> {
                for (int i = 0; i < samples; i++) {
                    out[i] = G711.ulaw(b[i]) * (1f / 32768);
                }
            }
            default -> throw new IllegalStateException("unhandled encoding " + encoding);
        }
    }

    private static int int32(byte[] b, int p) {
        return (b[p] & 0xff) | (b[p + 1] & 0xff) << 8 | (b[p + 2] & 0xff) << 16 | b[p + 3] << 24;
    }

    @Override
    public long framesRead() {
        return framesRead;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            owned.close();
        } catch (IOException e) {
            throw MediaErrors.translate(e, source, MediaFormat.WAV);
        }
    }

    /** The parts of a fmt chunk that decide decoding. */
    record Format(Encoding encoding, int channels, int sampleRate) {

        static Format parse(byte[] fmt, int length) {
            int tag = StreamBytes.u16le(fmt, 0);
            int channels = StreamBytes.u16le(fmt, 2);
            long sampleRate = StreamBytes.u32le(fmt, 4);
            int bits = StreamBytes.u16le(fmt, 14);
            if (tag == 0xfffe) {
                if (length < 40) {
                    throw MediaErrors.undecodable(MediaFormat.WAV,
                            "a WAVE_FORMAT_EXTENSIBLE fmt chunk of " + length + " bytes, 40 needed");
                }
                for (int i = 0; i < SUBFORMAT_GUID_TAIL.length; i++) {
                    if (fmt[28 + i] != SUBFORMAT_GUID_TAIL[i]) {
                        throw MediaErrors.unsupported(
                                "a WAVE_FORMAT_EXTENSIBLE subformat outside the KSDATAFORMAT family",
                                MediaErrors.context(MediaFormat.WAV, "formatTag", "0xfffe"));
                    }
                }
                tag = (int) StreamBytes.u32le(fmt, 24);
            }
            if (channels < 1 || channels > MAX_CHANNELS) {
                throw MediaErrors.undecodable(MediaFormat.WAV,
                        "channel count " + channels + " outside 1.." + MAX_CHANNELS);
            }
            if (sampleRate < 1 || sampleRate > MAX_SAMPLE_RATE) {
                throw MediaErrors.undecodable(MediaFormat.WAV,
                        "sample rate " + sampleRate + " outside 1.." + MAX_SAMPLE_RATE);
            }
            return new Format(encoding(tag, bits), channels, (int) sampleRate);
        }

        private static Encoding encoding(int tag, int bits) {
            switch (tag) {
                case 1 -> {
                    // Like ffmpeg, an odd width (12, 20 bits) is read in the container rounded up to bytes.
                    if (bits < 1 || bits > 32) {
                        throw MediaErrors.undecodable(MediaFormat.WAV, "integer PCM of " + bits + " bits");
                    }
                    return switch ((bits + 7) / 8) {
                        case 1 -> Encoding.U8;
                        case 2 -> Encoding.S16;
                        case 3 -> Encoding.S24;
                        default -> Encoding.S32;
                    };
                }
                case 3 -> {
                    if (bits == 32) {
                        return Encoding.F32;
                    }
                    if (bits == 64) {
                        return Encoding.F64;
                    }
                    throw MediaErrors.undecodable(MediaFormat.WAV, "IEEE float of " + bits + " bits");
                }
                case 6 -> {
                    return Encoding.ALAW;
                }
                case 7 -> {
                    return Encoding.MULAW;
                }
                default -> throw MediaErrors.unsupported("a WAV codec other than PCM, float, A-law or µ-law",
                        MediaErrors.context(MediaFormat.WAV, "formatTag", String.format(Locale.ROOT, "0x%04x", tag)));
            }
        }
    }
}
