package io.bonafide.audio.decode.internal;

import io.bonafide.audio.decode.MediaFormat;
import io.bonafide.audio.decode.MediaInfo;
import io.bonafide.audio.decode.PcmStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import org.jflac.ChannelData;
import org.jflac.FLACDecoder;
import org.jflac.frame.Frame;
import org.jflac.frame.Header;

/**
 * Streaming FLAC decoder over jflac, one frame at a time. We read the metadata blocks ourselves:
 * jflac would allocate whatever a (possibly corrupt) VORBIS_COMMENT or PICTURE length asks for,
 * so it only ever sees a STREAMINFO we have checked. Frames whose CRC-16 fails come out as
 * silence (jflac's choice); frames whose header contradicts STREAMINFO (channel count, sample
 * size) are dropped, as ffmpeg drops them. Decoding stops at STREAMINFO's total sample count
 * when it gives one, because jflac would otherwise try to parse trailing tags as frames.
 */
public final class FlacDecoder extends BlockPcmStream {
    static final int MIN_BITS = 4;
    static final int MAX_BITS = 24;
    private static final int STREAMINFO = 0;
    private static final int STREAMINFO_LENGTH = 34;
    private static final int INVALID_BLOCK_TYPE = 127;

    private final FLACDecoder decoder;
    private final int channels;
    private final int bitsPerSample;
    private final long totalSamples;
    private final float scale;

    private FlacDecoder(MediaInfo info, int bitsPerSample, FLACDecoder decoder, InputStream owned,
            SourceInputStream source) {
        super(info, owned, source);
        this.decoder = decoder;
        this.channels = info.channelCount();
        this.bitsPerSample = bitsPerSample;
        this.totalSamples = Math.max(0, info.frameCount());
        this.scale = 1f / (1 << (bitsPerSample - 1));
    }

    /**
     * Reads the metadata blocks up to the first frame.
     *
     * @param in     the file from "fLaC" on
     * @param source the caller's stream under {@code in}
     */
    public static PcmStream open(InputStream in, SourceInputStream source) throws IOException {
        byte[] magic = new byte[4];
        if (StreamBytes.readUpTo(in, magic, 0, 4) < 4 || !StreamBytes.hasTag(magic, 0, 4, "fLaC")) {
            throw MediaErrors.undecodable(MediaFormat.FLAC, "no fLaC marker");
        }
        byte[] streamInfo = null;
        byte[] blockHeader = new byte[4];
        boolean last = false;
        while (!last) {
            if (StreamBytes.readUpTo(in, blockHeader, 0, 4) < 4) {
                throw MediaErrors.undecodable(MediaFormat.FLAC, "the input ends inside the metadata blocks");
            }
            last = (blockHeader[0] & 0x80) != 0;
            int type = blockHeader[0] & 0x7f;
            int length = StreamBytes.u24be(blockHeader, 1);
            if (type == INVALID_BLOCK_TYPE) {
                throw MediaErrors.undecodable(MediaFormat.FLAC, "metadata block of the invalid type 127");
            }
            if (type == STREAMINFO && streamInfo == null) {
                if (length != STREAMINFO_LENGTH) {
                    throw MediaErrors.undecodable(MediaFormat.FLAC, "a STREAMINFO block of " + length + " bytes");
                }
                streamInfo = new byte[STREAMINFO_LENGTH];
                if (StreamBytes.readUpTo(in, streamInfo, 0, STREAMINFO_LENGTH) < STREAMINFO_LENGTH) {
                    throw MediaErrors.undecodable(MediaFormat.FLAC, "the input ends inside STREAMINFO");
                }
            } else if (StreamBytes.skipUpTo(in, length) < length) {
                throw MediaErrors.undecodable(MediaFormat.FLAC, "the input ends inside a metadata block");
            }
        }
        if (streamInfo == null) {
            throw MediaErrors.undecodable(MediaFormat.FLAC, "no STREAMINFO block");
        }
        int sampleRate = (streamInfo[10] & 0xff) << 12 | (streamInfo[11] & 0xff) << 4 | (streamInfo[12] & 0xff) >> 4;
        int channels = ((streamInfo[12] & 0xff) >> 1 & 7) + 1;
        int bits = ((streamInfo[12] & 1) << 4 | (streamInfo[13] & 0xff) >> 4) + 1;
        long totalSamples = (streamInfo[13] & 0xfL) << 32 | StreamBytes.u32be(streamInfo, 14);
        if (sampleRate < 1 || sampleRate > WavDecoder.MAX_SAMPLE_RATE) {
            throw MediaErrors.undecodable(MediaFormat.FLAC, "sample rate " + sampleRate + " in STREAMINFO");
        }
        if (bits < MIN_BITS) {
            throw MediaErrors.undecodable(MediaFormat.FLAC, bits + "-bit samples; FLAC starts at " + MIN_BITS);
        }
        if (bits > MAX_BITS) {
            // Valid FLAC (libFLAC 1.4 writes it), but jflac's 32-bit int arithmetic overflows on it.
            throw MediaErrors.unsupported("FLAC of more than " + MAX_BITS + " bits per sample",
                    MediaErrors.context(MediaFormat.FLAC, "bitsPerSample", Integer.toString(bits)));
        }
        FLACDecoder decoder = new FLACDecoder(new SequenceInputStream(
                new ByteArrayInputStream(checkedHeader(streamInfo)), in));
        decoder.readMetadata();
        MediaInfo info = new MediaInfo(MediaFormat.FLAC, "flac", sampleRate, channels,
                totalSamples == 0 ? -1 : totalSamples);
        return new FlacDecoder(info, bits, decoder, in, source);
    }

    /** "fLaC" and the checked STREAMINFO, marked as the last metadata block. */
    private static byte[] checkedHeader(byte[] streamInfo) {
        byte[] header = new byte[8 + STREAMINFO_LENGTH];
        header[0] = 'f';
        header[1] = 'L';
        header[2] = 'a';
        header[3] = 'C';
        header[4] = (byte) 0x80;
        header[7] = STREAMINFO_LENGTH;
        System.arraycopy(streamInfo, 0, header, 8, STREAMINFO_LENGTH);
        return header;
    }

    @Override
    protected boolean decodeNextBlock() throws IOException {
        if (totalSamples > 0 && decoder.getSamplesDecoded() >= totalSamples) {
            return false;
        }
        Frame frame;
        try {
            frame = decoder.readNextFrame();
        } catch (IOException | RuntimeException e) {
            // jflac reports a malformed subframe with an IOException or an index out of bounds;
            // it finds the next frame's sync code by itself on the next call.
            dropBadBlock(e);
            return true;
        }
        if (frame == null) {
            return false;
        }
        Header header = frame.header;
        if (header.channels != channels || header.bitsPerSample != bitsPerSample) {
            publishBlock(0);
            return true;
        }
        int frames = header.blockSize;
        float[] out = blockBuffer(frames);
        ChannelData[] data = decoder.getChannelData();
        for (int ch = 0; ch < channels; ch++) {
            int[] samples = data[ch].getOutput();
            for (int i = 0, j = ch; i < frames; i++, j += channels) {
                out[j] = samples[i] * scale;
            }
        }
        publishBlock(frames);
        return true;
    }
}
