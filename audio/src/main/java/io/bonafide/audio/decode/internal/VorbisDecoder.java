package io.bonafide.audio.decode.internal;

import com.jcraft.jogg.Packet;
import com.jcraft.jogg.Page;
import com.jcraft.jogg.StreamState;
import com.jcraft.jogg.SyncState;
import com.jcraft.jorbis.Block;
import com.jcraft.jorbis.Comment;
import com.jcraft.jorbis.DspState;
import com.jcraft.jorbis.Info;
import io.bonafide.audio.decode.MediaFormat;
import io.bonafide.audio.decode.MediaInfo;
import io.bonafide.audio.decode.PcmStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Streaming Ogg Vorbis decoder over jorbis, one packet at a time, float output as the codec
 * produces it, surround channels in WAV order. Decodes the first logical stream (the one whose
 * identification header the sniffer saw) up to its end-of-stream page; pages of other streams,
 * and further links of a chained file, are ignored. Header packets are checked by
 * {@link VorbisHeaders} before jorbis parses them (and patched by {@link JorbisWorkarounds} where
 * jorbis would misread them). Audio packets jorbis rejects are skipped, as libvorbis-based
 * players skip them; the final page's granule position trims the last packet, as the Vorbis
 * specification and ffmpeg do. jorbis serialises packet decoding on a JVM-wide lock, so Vorbis
 * streams decoded in parallel threads take turns.
 */
public final class VorbisDecoder extends BlockPcmStream {
    private static final int READ_SIZE = 8192;
    /**
     * For 1 to 8 channels, the Vorbis channel each output channel comes from: Vorbis orders
     * surround channels L, C, R, …, LFE last, and we hand them out in WAV order (L, R, C, LFE, …)
     * as ffmpeg's decoder does, so that a channel index means the same in every format.
     */
    private static final int[][] WAV_ORDER = {
        {0}, {0, 1}, {0, 2, 1}, {0, 1, 2, 3}, {0, 2, 1, 3, 4}, {0, 2, 1, 5, 3, 4},
        {0, 2, 1, 6, 5, 3, 4}, {0, 2, 1, 7, 5, 6, 3, 4}};

    private final InputStream in;
    private final SyncState sync;
    private final StreamState stream;
    private final DspState dsp;
    private final Block block;
    private final int serial;
    private final int channels;
    private final Page page = new Page();
    private final Packet packet = new Packet();
    private final float[][][] pcm = new float[1][][];
    private final int[] pcmIndex;
    private final int[] sourceChannel;
    private boolean inputEnded;
    private boolean streamEnded;

    private VorbisDecoder(MediaInfo info, Headers headers, InputStream in, SourceInputStream source) {
        super(info, in, source);
        this.in = in;
        this.sync = headers.sync;
        this.stream = headers.stream;
        this.serial = headers.serial;
        this.inputEnded = headers.inputEnded;
        this.channels = info.channelCount();
        this.pcmIndex = new int[channels];
        this.sourceChannel = channels <= WAV_ORDER.length ? WAV_ORDER[channels - 1] : identity(channels);
        this.dsp = new DspState();
        this.dsp.synthesis_init(headers.info);
        this.block = new Block(dsp);
    }

    /**
     * Reads and checks the three header packets.
     *
     * @param in     the file from its first "OggS"
     * @param source the caller's stream under {@code in}
     */
    public static PcmStream open(InputStream in, SourceInputStream source) throws IOException {
        Headers headers = new Headers(in);
        headers.read();
        MediaInfo info = new MediaInfo(MediaFormat.OGG, "vorbis", headers.info.rate, headers.info.channels, -1);
        return new VorbisDecoder(info, headers, in, source);
    }

    @Override
    protected boolean decodeNextBlock() throws IOException {
        while (true) {
            int available = dsp.synthesis_pcmout(pcm, pcmIndex);
            if (available > 0) {
                float[] out = blockBuffer(available);
                for (int ch = 0; ch < channels; ch++) {
                    float[] samples = pcm[0][sourceChannel[ch]];
                    int from = pcmIndex[sourceChannel[ch]];
                    for (int i = 0, j = ch; i < available; i++, j += channels) {
                        out[j] = samples[from + i];
                    }
                }
                dsp.synthesis_read(available);
                publishBlock(available);
                return true;
            }
            int got = stream.packetout(packet);
            if (got == 1) {
                // A packet jorbis rejects is skipped, as libvorbis players skip it; one it crashes on
                // is dropped the same way, up to a limit.
                int status;
                try {
                    status = block.synthesis(packet);
                } catch (RuntimeException e) {
                    dropBadBlock(e);
                    continue;
                }
                if (status == 0) {
                    dsp.synthesis_blockin(block);
                }
                continue;
            }
            if (got < 0) {
                continue;
            }
            if (streamEnded || !nextPage()) {
                return false;
            }
        }
    }

    private static int[] identity(int channels) {
        int[] order = new int[channels];
        for (int i = 0; i < channels; i++) {
            order[i] = i;
        }
        return order;
    }

    /** Feeds the next page of our stream; false when the input has none left. */
    private boolean nextPage() throws IOException {
        while (true) {
            int result = sync.pageout(page);
            if (result > 0) {
                if (page.serialno() != serial) {
                    continue;
                }
                stream.pagein(page);
                if (page.eos() != 0) {
                    streamEnded = true;
                }
                return true;
            }
            if (result < 0) {
                // Bytes skipped to regain sync: progress, keep looking.
                continue;
            }
            if (inputEnded) {
                return false;
            }
            inputEnded = !fill(sync, in);
        }
    }

    /** Reads more input into the sync layer; false at the end of the input. */
    static boolean fill(SyncState sync, InputStream in) throws IOException {
        int index = sync.buffer(READ_SIZE);
        int n = in.read(sync.data, index, READ_SIZE);
        if (n <= 0) {
            sync.wrote(0);
            return false;
        }
        sync.wrote(n);
        return true;
    }

    /** Reading the header packets, before anything else of the stream is decoded. */
    private static final class Headers {
        private final InputStream in;
        private final SyncState sync = new SyncState();
        private final StreamState stream = new StreamState();
        private final Info info = new Info();
        private final Comment comment = new Comment();
        private final Page page = new Page();
        private final Packet packet = new Packet();
        private int serial;
        private boolean inputEnded;
        private VorbisHeaders.Setup setup;

        Headers(InputStream in) {
            this.in = in;
            sync.init();
            info.init();
            comment.init();
        }

        void read() throws IOException {
            if (!nextPage(true)) {
                throw VorbisHeaders.invalid("no Ogg page");
            }
            serial = page.serialno();
            stream.init(serial);
            stream.pagein(page);
            VorbisHeaders.Identification id = null;
            for (int header = 0; header < 3; header++) {
                nextPacket();
                byte[] data = packet.packet_base;
                int offset = packet.packet;
                int length = packet.bytes;
                Packet forJorbis = packet;
                switch (header) {
                    case 0 -> id = VorbisHeaders.identification(data, offset, length);
                    case 1 -> VorbisHeaders.comment(data, offset, length);
                    default -> {
                        setup = VorbisHeaders.setup(data, offset, length, id);
                        if (JorbisWorkarounds.couplingNeedsRewrite(id.channels(), setup)) {
                            forJorbis = JorbisWorkarounds.rewriteCoupling(packet, id.channels(), setup);
                        }
                    }
                }
                if (info.synthesis_headerin(comment, forJorbis) < 0) {
                    throw VorbisHeaders.invalid("jorbis rejects Vorbis header packet " + (header + 1));
                }
            }
            if (JorbisWorkarounds.couplingNeedsRewrite(id.channels(), setup)) {
                JorbisWorkarounds.restoreCoupling(info, setup);
            }
        }

        private void nextPacket() throws IOException {
            while (true) {
                int got = stream.packetout(packet);
                if (got == 1) {
                    return;
                }
                if (got < 0) {
                    throw VorbisHeaders.invalid("a gap in the Vorbis header packets");
                }
                if (!nextPage(false)) {
                    throw VorbisHeaders.invalid("the input ends inside the Vorbis headers");
                }
                if (page.serialno() == serial) {
                    stream.pagein(page);
                }
            }
        }

        private boolean nextPage(boolean first) throws IOException {
            while (true) {
                int result = sync.pageout(page);
                if (result > 0) {
                    if (first && page.bos() == 0) {
                        throw VorbisHeaders.invalid("the first Ogg page does not begin a stream");
                    }
                    return true;
                }
                if (result == 0) {
                    if (inputEnded) {
                        return false;
                    }
                    inputEnded = !fill(sync, in);
                } else if (first) {
                    throw VorbisHeaders.invalid("the first Ogg page is corrupt");
                }
            }
        }
    }
}
