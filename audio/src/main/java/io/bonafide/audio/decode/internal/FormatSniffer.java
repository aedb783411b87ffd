package io.bonafide.audio.decode.internal;

import io.bonafide.audio.MediaException;
import io.bonafide.audio.decode.MediaFormat;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.HexFormat;
import java.util.Map;

/**
 * Decides the container from the first bytes, never from a name: RIFF/RF64/BW64 + WAVE, fLaC,
 * an Ogg stream whose first packet is a Vorbis identification header, or MPEG Layer III frames
 * (two in a row at the start, three in a row after leading junk). ID3v2 tags in front are
 * skipped without buffering them, so a tag carrying megabytes of cover art costs no memory; a
 * tag followed by fLaC is FLAC, by anything else MP3. The bytes read to decide are handed on
 * with the rest of the stream, so the decoders see the file as if nothing had been read.
 */
public final class FormatSniffer {
    /** Enough for three maximal Layer III frames after the junk we are willing to skip. */
    static final int HEAD_SIZE = 16 * 1024;
    private static final int MP3_SYNC_SEARCH = 8 * 1024;
    private static final int ID3_HEADER = 10;
    /** Files carry one tag, rarely two; more is a loop we refuse to follow. */
    private static final int MAX_ID3_TAGS = 16;

    private FormatSniffer() {
    }

    /**
     * What the bytes are, with everything needed to decode them.
     *
     * @param format     the container
     * @param head       the first bytes after any ID3v2 tags
     * @param headStart  where the container starts in {@code head} (the first frame for MP3)
     * @param headLength how many bytes of {@code head} are filled
     * @param rest       the stream after {@code head}
     */
    public record Sniffed(MediaFormat format, byte[] head, int headStart, int headLength, InputStream rest) {

        /** The stream from {@code headStart} on: the head replayed, then the rest. */
        public InputStream stream() {
            return streamFrom(headStart);
        }

        /** The stream from {@code offset} in the head on. */
        public InputStream streamFrom(int offset) {
            return new SequenceInputStream(new ByteArrayInputStream(head, offset, headLength - offset), rest);
        }
    }

    /**
     * Sniffs {@code in}.
     *
     * @throws MediaException {@code media.empty} for no bytes, {@code media.unsupported-format} for
     *                        bytes in no format we decode, {@code media.undecodable} for an ID3v2
     *                        tag with no audio after it
     */
    public static Sniffed sniff(InputStream in) throws IOException {
        byte[] head = new byte[HEAD_SIZE];
        int n = StreamBytes.readUpTo(in, head, 0, ID3_HEADER);
        if (n == 0) {
            throw MediaErrors.empty();
        }
        int tags = 0;
        while (n == ID3_HEADER && isId3v2(head)) {
            if (++tags > MAX_ID3_TAGS) {
                throw MediaErrors.undecodable(MediaFormat.MP3, "more than " + MAX_ID3_TAGS + " ID3v2 tags in a row");
            }
            long body = id3v2Size(head) - ID3_HEADER;
            if (StreamBytes.skipUpTo(in, body) < body) {
                throw MediaErrors.undecodable(MediaFormat.MP3, "the input ends inside an ID3v2 tag");
            }
            n = StreamBytes.readUpTo(in, head, 0, ID3_HEADER);
        }
        boolean tagged = tags > 0;
        if (n == 0) {
            throw MediaErrors.undecodable(MediaFormat.MP3, "nothing follows the ID3v2 tag");
        }
        if (n == ID3_HEADER) {
            n += StreamBytes.readUpTo(in, head, n, HEAD_SIZE - n);
        }
        boolean ended = n < HEAD_SIZE;

        if (StreamBytes.hasTag(head, 0, n, "RIFF") || StreamBytes.hasTag(head, 0, n, "RF64")
                || StreamBytes.hasTag(head, 0, n, "BW64")) {
            if (StreamBytes.hasTag(head, 8, n, "WAVE")) {
                return new Sniffed(MediaFormat.WAV, head, 0, n, in);
            }
            throw MediaErrors.unsupported("a RIFF file that is not WAVE",
                    Map.of("leadingBytes", leadingBytes(head, n)));
        }
        if (StreamBytes.hasTag(head, 0, n, "fLaC")) {
            return new Sniffed(MediaFormat.FLAC, head, 0, n, in);
        }
        if (StreamBytes.hasTag(head, 0, n, "OggS")) {
            checkOggCarriesVorbis(head, n);
            return new Sniffed(MediaFormat.OGG, head, 0, n, in);
        }
        int frame = findMpegFrames(head, n, tagged, ended);
        if (frame >= 0) {
            return new Sniffed(MediaFormat.MP3, head, frame, n, in);
        }
        if (tagged) {
            throw MediaErrors.undecodable(MediaFormat.MP3, "no MPEG audio frame follows the ID3v2 tag");
        }
        throw MediaErrors.unsupported("not a WAV, FLAC, MP3 or Ogg Vorbis file",
                Map.of("leadingBytes", leadingBytes(head, n)));
    }

    static boolean isId3v2(byte[] b) {
        return b[0] == 'I' && b[1] == 'D' && b[2] == '3' && (b[3] & 0xff) != 0xff && (b[4] & 0xff) != 0xff
                && ((b[6] | b[7] | b[8] | b[9]) & 0x80) == 0;
    }

    /** The whole tag, header and optional footer included. */
    static long id3v2Size(byte[] b) {
        long size = (b[6] & 0x7fL) << 21 | (b[7] & 0x7fL) << 14 | (b[8] & 0x7fL) << 7 | (b[9] & 0x7fL);
        boolean footer = (b[5] & 0x10) != 0;
        return ID3_HEADER + size + (footer ? ID3_HEADER : 0);
    }

    private static void checkOggCarriesVorbis(byte[] head, int n) {
        if (n < 27) {
            throw MediaErrors.undecodable(MediaFormat.OGG, "the input ends inside the first Ogg page header");
        }
        int segments = head[26] & 0xff;
        int payload = 27 + segments;
        if (n < payload + 7) {
            throw MediaErrors.undecodable(MediaFormat.OGG, "the input ends inside the first Ogg page");
        }
        if (head[payload] == 1 && StreamBytes.hasTag(head, payload + 1, n, "vorbis")) {
            return;
        }
        throw MediaErrors.unsupported("an Ogg stream that does not start with Vorbis audio",
                Map.of("format", MediaFormat.OGG.wireName(), "codec", oggCodec(head, payload, n)));
    }

    private static String oggCodec(byte[] head, int payload, int n) {
        if (StreamBytes.hasTag(head, payload, n, "OpusHead")) {
            return "opus";
        }
        if (StreamBytes.hasTag(head, payload + 1, n, "FLAC")) {
            return "flac";
        }
        if (StreamBytes.hasTag(head, payload, n, "Speex")) {
            return "speex";
        }
        if (StreamBytes.hasTag(head, payload + 1, n, "theora")) {
            return "theora";
        }
        return "unknown";
    }

    /**
     * Offset of the first of a run of Layer III frames that agree on version, layer and rate, or
     * -1. Two frames suffice at the very start or after an ID3v2 tag; after junk we ask for three,
     * since random bytes mimic one header pair far more often than a chain of three.
     */
    private static int findMpegFrames(byte[] head, int n, boolean tagged, boolean ended) {
        int limit = Math.min(n - 4, MP3_SYNC_SEARCH);
        for (int p = 0; p <= limit; p++) {
            if ((head[p] & 0xff) != 0xff) {
                continue;
            }
            MpegFrameHeader first = MpegFrameHeader.parse(head, p, n);
            if (first == null) {
                continue;
            }
            boolean trusted = p == 0 || tagged;
            int second = p + first.frameLength();
            if (ended && second == n && trusted) {
                return p;
            }
            MpegFrameHeader next = MpegFrameHeader.parse(head, second, n);
            if (next == null || !first.sameStreamAs(next)) {
                continue;
            }
            if (trusted) {
                return p;
            }
            int third = second + next.frameLength();
            MpegFrameHeader last = MpegFrameHeader.parse(head, third, n);
            if ((last != null && first.sameStreamAs(last)) || (ended && third == n)) {
                return p;
            }
        }
        return -1;
    }

    private static String leadingBytes(byte[] head, int n) {
        return HexFormat.of().formatHex(head, 0, Math.min(n, 8));
    }
}
