package io.bonafide.audio.decode.internal;

import io.bonafide.audio.decode.MediaFormat;
import io.bonafide.audio.decode.MediaInfo;
import io.bonafide.audio.decode.PcmStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import javazoom.jl.decoder.Bitstream;
import javazoom.jl.decoder.Decoder;
import javazoom.jl.decoder.DecoderException;
import javazoom.jl.decoder.Header;
import javazoom.jl.decoder.JavaLayerException;
import javazoom.jl.decoder.Obuffer;

/**
 * Streaming MP3 (MPEG-1/2/2.5 Layer III) decoder over JLayer's {@code Bitstream} and
 * {@code Decoder}, one frame at a time, fed by {@link MpegFrameStream} so that it only ever sees
 * whole frames. Two departures from plain JLayer make its output line up with ffmpeg's: samples
 * are taken as floats before JLayer rounds them to 16 bits (and divided by the 32700 JLayer's
 * synthesis filter scales by), and the Xing/Info frame is dropped and the LAME encoder delay plus
 * the 529-sample decoder delay trimmed from the start and the padding from the end, exactly where
 * ffmpeg's demuxer trims them.
 */
public final class Mp3Decoder extends BlockPcmStream {
    /** The MDCT/polyphase latency every Layer III decoder adds, per the LAME documentation. */
    static final int DECODER_DELAY = 529;
    /** JLayer's synthesis filter multiplies by this instead of 32768. */
    private static final float SCALE = 1f / 32700f;
    private static final int MAX_SAMPLES_PER_FRAME = 1152;
    /**
     * JLayer reads ahead through its own buffers, so the bytes we count lag behind; thousands of
     * frames without a single new byte, though, means it is going nowhere.
     */
    private static final int MAX_FRAMES_WITHOUT_INPUT = 10_000;

    static {
        warmUpJLayer();
    }

    private final Bitstream bitstream;
    private final Decoder decoder;
    private final FloatCapture capture;
    private final SourceInputStream audio;
    private final int channels;
    private final int samplesPerFrame;
    private final long startSkip;
    private final long endDiscardFrom;
    private final long endDiscardTo;
    private long decoded;
    private long lastAudioBytes = -1;
    private int framesWithoutInput;

    private Mp3Decoder(MediaInfo info, XingTag tag, int samplesPerFrame, SourceInputStream audio,
            MpegFrameStream frames, SourceInputStream source) {
        super(info, frames, source);
        this.audio = audio;
        this.channels = info.channelCount();
        this.capture = new FloatCapture(channels);
        this.decoder = new Decoder();
        this.decoder.setOutputBuffer(capture);
        this.samplesPerFrame = samplesPerFrame;
        this.bitstream = new Bitstream(frames);
        if (tag != null && tag.gapless()) {
            startSkip = tag.encoderDelay() + (long) DECODER_DELAY;
            long total = tag.frames() * samplesPerFrame;
            endDiscardFrom = tag.frames() > 0 ? total - tag.padding() + DECODER_DELAY : Long.MAX_VALUE;
            endDiscardTo = tag.frames() > 0 ? total : Long.MAX_VALUE;
        } else {
            startSkip = 0;
            endDiscardFrom = Long.MAX_VALUE;
            endDiscardTo = Long.MAX_VALUE;
        }
    }

    /**
     * Opens the stream the sniffer found frames in.
     *
     * @param sniffed the sniffed head, its start at the first frame
     * @param source  the caller's stream
     */
    public static PcmStream open(FormatSniffer.Sniffed sniffed, SourceInputStream source) {
        byte[] head = sniffed.head();
        int start = sniffed.headStart();
        int length = sniffed.headLength();
        MpegFrameHeader first = MpegFrameHeader.parse(head, start, length);
        if (first == null) {
            throw MediaErrors.undecodable(MediaFormat.MP3, "no Layer III frame header where the sniffer found one");
        }
        XingTag tag = XingTag.parse(head, start, length, first);
        int audioStart = start;
        MpegFrameHeader audioFirst = first;
        if (tag != null) {
            audioStart = Math.min(length, start + first.frameLength());
            MpegFrameHeader next = MpegFrameHeader.parse(head, audioStart, length);
            audioFirst = next != null && first.sameStreamAs(next) ? next : first;
        }
        long frameCount = -1;
        if (tag != null && tag.frames() > 0) {
            long total = tag.frames() * first.samplesPerFrame();
            long trimmed = tag.gapless() ? total - tag.encoderDelay() - tag.padding() : total;
            frameCount = trimmed >= 0 ? trimmed : -1;
        }
        MediaInfo info = new MediaInfo(MediaFormat.MP3, "mp3", audioFirst.sampleRate(), audioFirst.channelCount(),
                frameCount);
        SourceInputStream audio = new SourceInputStream(sniffed.streamFrom(audioStart));
        return new Mp3Decoder(info, tag, first.samplesPerFrame(), audio, new MpegFrameStream(audio, audioFirst),
                source);
    }

    @Override
    protected boolean decodeNextBlock() throws IOException {
        try {
            Header header = bitstream.readFrame();
            if (header == null) {
                return false;
            }
            checkProgress();
            try {
                decoder.decodeFrame(header, bitstream);
            } catch (DecoderException | RuntimeException e) {
                dropBadBlock(e);
                return true;
            } finally {
                bitstream.closeFrame();
            }
        } catch (JavaLayerException e) {
            throw MediaErrors.translate(e, source, MediaFormat.MP3);
        }
        // JLayer emits nothing for a frame whose bit reservoir reaches back before the data it
        // has seen (a stream cut mid-file); ffmpeg emits the frame as silence, and so do we.
        int decodedFrames = capture.frames();
        int frames = decodedFrames == 0 ? samplesPerFrame : decodedFrames;
        float[] out = blockBuffer(frames);
        int kept = 0;
        for (int i = 0; i < frames; i++) {
            long index = decoded + i;
            if (index < startSkip || (index >= endDiscardFrom && index < endDiscardTo)) {
                continue;
            }
            for (int ch = 0; ch < channels; ch++) {
                out[kept * channels + ch] = i < decodedFrames ? capture.sample(ch, i) * SCALE : 0f;
            }
            kept++;
        }
        decoded += frames;
        publishBlock(kept);
        return true;
    }

    /**
     * JLayer builds its shared tables (synthesis window, Huffman tables, short-block reorder
     * table) lazily and publishes each before filling it, so two threads decoding their first MP3
     * at the same moment can see a half-built table. Decoding one silent frame here, under the
     * class-initialisation lock, builds them all before any decoder can run.
     */
    private static void warmUpJLayer() {
        // MPEG-1 Layer III, 128 kbit/s, 44.1 kHz, mono, no CRC: 417 bytes, all side info zero.
        byte[] silentFrame = new byte[417];
        silentFrame[0] = (byte) 0xff;
        silentFrame[1] = (byte) 0xfb;
        silentFrame[2] = (byte) 0x90;
        silentFrame[3] = (byte) 0xc0;
        try {
            Bitstream bitstream = new Bitstream(new ByteArrayInputStream(silentFrame));
            Decoder decoder = new Decoder();
            decoder.setOutputBuffer(new FloatCapture(1));
            Header header = bitstream.readFrame();
            if (header == null) {
                throw new IllegalStateException("JLayer did not read the warm-up frame");
            }
            decoder.decodeFrame(header, bitstream);
        } catch (JavaLayerException e) {
            throw new IllegalStateException("JLayer failed on the warm-up frame", e);
        }
    }

    private void checkProgress() {
        long bytes = audio.bytesRead();
        if (bytes != lastAudioBytes) {
            lastAudioBytes = bytes;
            framesWithoutInput = 0;
        } else if (++framesWithoutInput > MAX_FRAMES_WITHOUT_INPUT) {
            throw MediaErrors.undecodable(MediaFormat.MP3, "the MP3 decoder stopped consuming input");
        }
    }

    /**
     * Where JLayer's synthesis filters deliver their output: we keep the floats instead of the
     * 16-bit samples JLayer's own buffer would round them to.
     */
    static final class FloatCapture extends Obuffer {
        private final float[][] samples;
        private final int[] counts;

        FloatCapture(int channels) {
            samples = new float[channels][MAX_SAMPLES_PER_FRAME];
            counts = new int[channels];
        }

        int frames() {
            int frames = counts[0];
            for (int count : counts) {
                frames = Math.min(frames, count);
            }
            return frames;
        }

        float sample(int channel, int index) {
            return samples[channel][index];
        }

        @Override
        public void append(int channel, short value) {
            put(channel, value);
        }

        @Override
        public void appendSamples(int channel, float[] values) {
            for (float value : values) {
                put(channel, value);
            }
        }

        private void put(int channel, float value) {
            // A corrupt frame can claim channels or samples this stream does not have; drop them.
            if (channel >= 0 && channel < counts.length && counts[channel] < MAX_SAMPLES_PER_FRAME) {
                samples[channel][counts[channel]++] = value;
            }
        }

        @Override
        public void write_buffer(int value) {
            // Samples are taken from the arrays after each frame; nothing to flush.
        }

        @Override
        public void close() {
            // Nothing held.
        }

        @Override
        public void clear_buffer() {
            Arrays.fill(counts, 0);
        }

        @Override
        public void set_stop_flag() {
            // Only players stop; a decoder runs to the end of the frame.
        }
    }
}
