package io.bonafide.audio.decode.internal;

import io.bonafide.audio.MediaException;
import io.bonafide.audio.decode.MediaFormat;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Checks the three Vorbis header packets before jorbis sees them, with the limits libvorbis
 * applies and jorbis leaves out. jorbis trusts header fields when it sizes arrays: a comment
 * length near 2^31, a codebook whose dimensions times entries overflow, or a residue partition
 * scheme of 64^dim entries would have it allocate gigabytes or spin for minutes on a few corrupt
 * bytes. Everything is walked bit by bit exactly as the Vorbis I specification lays it out; a
 * violation is {@code media.undecodable}.
 */
public final class VorbisHeaders {
    static final int MAX_CHANNELS = WavDecoder.MAX_CHANNELS;
    private static final int CODEBOOK_SYNC = 0x564342;
    /** libvorbis: ilog(dim) + ilog(entries) may not exceed this. */
    private static final int MAX_CODEBOOK_BITS = 24;
    /** libvorbis' VIF_POSIT: floor 1 posts besides the two end points. */
    private static final int MAX_FLOOR1_POSTS = 63;

    private VorbisHeaders() {
    }

    /** What the identification header says. */
    public record Identification(int channels, int sampleRate, int shortBlock, int longBlock) {
    }

    /** Checks identification header {@code packet[offset, offset + length)}. */
    public static Identification identification(byte[] packet, int offset, int length) {
        if (length < 30 || !isHeader(packet, offset, length, 1)) {
            throw invalid("the first packet is not a Vorbis identification header");
        }
        long version = StreamBytes.u32le(packet, offset + 7);
        int channels = packet[offset + 11] & 0xff;
        long sampleRate = StreamBytes.u32le(packet, offset + 12);
        int blocks = packet[offset + 28] & 0xff;
        int shortBlock = 1 << (blocks & 0x0f);
        int longBlock = 1 << (blocks >> 4);
        if (version != 0) {
            throw invalid("Vorbis version " + version);
        }
        if (channels < 1 || channels > MAX_CHANNELS) {
            throw invalid("channel count " + channels + " outside 1.." + MAX_CHANNELS);
        }
        if (sampleRate < 1 || sampleRate > WavDecoder.MAX_SAMPLE_RATE) {
            throw invalid("sample rate " + sampleRate + " outside 1.." + WavDecoder.MAX_SAMPLE_RATE);
        }
        if (shortBlock < 64 || longBlock > 8192 || shortBlock > longBlock || (packet[offset + 29] & 1) == 0) {
            throw invalid("block sizes " + shortBlock + "/" + longBlock + " or framing bit out of specification");
        }
        return new Identification(channels, (int) sampleRate, shortBlock, longBlock);
    }

    /** Checks that every length in comment header {@code packet[offset, offset + length)} fits in the packet. */
    public static void comment(byte[] packet, int offset, int length) {
        if (!isHeader(packet, offset, length, 3)) {
            throw invalid("the second packet is not a Vorbis comment header");
        }
        int end = offset + length;
        long p = offset + 7L;
        if (p + 4 > end) {
            throw invalid("the comment header ends early");
        }
        p += 4 + StreamBytes.u32le(packet, (int) p);
        if (p + 4 > end) {
            throw invalid("the comment header's vendor string overruns the packet");
        }
        long comments = StreamBytes.u32le(packet, (int) p);
        p += 4;
        if (comments > (end - p) / 4) {
            throw invalid("the comment header claims " + comments + " comments");
        }
        for (long i = 0; i < comments; i++) {
            if (p + 4 > end) {
                throw invalid("the comment header ends early");
            }
            p += 4 + StreamBytes.u32le(packet, (int) p);
        }
        if (p >= end || (packet[(int) p] & 1) == 0) {
            throw invalid("the comment header overruns the packet or lacks its framing bit");
        }
    }

    /**
     * One channel coupling step of a mapping, where the setup header stores it.
     *
     * @param mapping   index of the mapping
     * @param step      index of the step within the mapping
     * @param magnitude the magnitude channel
     * @param angle     the angle channel
     * @param bit       bit position of the magnitude field from the start of the packet
     */
    public record Coupling(int mapping, int step, int magnitude, int angle, long bit) {
    }

    /** What the setup header walk found that decoding needs to know. */
    public record Setup(List<Coupling> couplings) {
    }

    /** Checks setup header {@code packet[offset, offset + length)} against the stream's identification. */
    public static Setup setup(byte[] packet, int offset, int length, Identification id) {
        if (!isHeader(packet, offset, length, 5)) {
            throw invalid("the third packet is not a Vorbis setup header");
        }
        SetupWalk walk = new SetupWalk(new Bits(packet, offset, offset + 7, offset + length), id);
        walk.walk();
        return new Setup(List.copyOf(walk.couplings));
    }

    private static boolean isHeader(byte[] packet, int offset, int length, int type) {
        return length >= 7 && packet[offset] == type
                && StreamBytes.hasTag(packet, offset + 1, offset + length, "vorbis");
    }

    static MediaException invalid(String message) {
        return MediaErrors.undecodable(MediaFormat.OGG, message);
    }

    static int ilog(long value) {
        return value <= 0 ? 0 : 64 - Long.numberOfLeadingZeros(value);
    }

    /** The setup header's sections in order: codebooks, time placeholders, floors, residues, mappings, modes. */
    private static final class SetupWalk {
        private final Bits bits;
        private final Identification id;
        private int[] bookDims;
        private long[] bookEntries;
        private boolean[] bookHasValues;
        private int floors;
        private int residues;
        private int mappings;
        private final List<Coupling> couplings = new ArrayList<>();

        SetupWalk(Bits bits, Identification id) {
            this.bits = bits;
            this.id = id;
        }

        void walk() {
            codebooks();
            int times = bits.read(6) + 1;
            for (int i = 0; i < times; i++) {
                if (bits.read(16) != 0) {
                    throw invalid("a non-zero time domain transform type");
                }
            }
            floors = bits.read(6) + 1;
            for (int i = 0; i < floors; i++) {
                floor();
            }
            residues = bits.read(6) + 1;
            for (int i = 0; i < residues; i++) {
                residue();
            }
            mappings = bits.read(6) + 1;
            for (int i = 0; i < mappings; i++) {
                mapping(i);
            }
            int modes = bits.read(6) + 1;
            if (Integer.bitCount(modes) != 1) {
                // jorbis reads mode numbers with floor(log2(modes)) bits, one too few here.
                throw MediaErrors.unsupported("Vorbis with " + modes + " modes, which jorbis misreads",
                        Map.of("format", MediaFormat.OGG.wireName(), "codec", "vorbis"));
            }
            for (int i = 0; i < modes; i++) {
                bits.read(1);
                if (bits.read(16) != 0 || bits.read(16) != 0) {
                    throw invalid("a mode with a non-zero window or transform type");
                }
                if (bits.read(8) >= mappings) {
                    throw invalid("a mode naming a mapping that does not exist");
                }
            }
            if (bits.read(1) != 1) {
                throw invalid("the setup header lacks its framing bit");
            }
        }

        private void codebooks() {
            int books = bits.read(8) + 1;
            bookDims = new int[books];
            bookEntries = new long[books];
            bookHasValues = new boolean[books];
            for (int b = 0; b < books; b++) {
                if (bits.read(24) != CODEBOOK_SYNC) {
                    throw invalid("codebook " + b + " lacks its sync pattern");
                }
                int dim = bits.read(16);
                int entries = bits.read(24);
                if (dim < 1 || entries < 1 || ilog(dim) + ilog(entries) > MAX_CODEBOOK_BITS) {
                    throw invalid("codebook " + b + " of " + entries + " entries of dimension " + dim);
                }
                bookDims[b] = dim;
                bookEntries[b] = entries;
                codewordLengths(entries);
                int lookup = bits.read(4);
                if (lookup > 2) {
                    throw invalid("codebook " + b + " of lookup type " + lookup);
                }
                if (lookup > 0) {
                    bits.skip(64);
                    int valueBits = bits.read(4) + 1;
                    bits.read(1);
                    long values = lookup == 1 ? lookup1Values(entries, dim) : (long) entries * dim;
                    bits.skip(values * valueBits);
                    bookHasValues[b] = true;
                }
            }
        }

        /**
         * Reads the codeword lengths and checks, as libvorbis does, that they form a complete
         * prefix code (Kraft sum exactly one) unless a single entry is used: jorbis silently builds
         * no decode tree for any other code and crashes on every packet later.
         */
        private void codewordLengths(int entries) {
            long kraft = 0;
            long used = 0;
            if (bits.read(1) == 1) {
                int length = bits.read(5) + 1;
                for (int i = 0; i < entries; length++) {
                    int count = bits.read(ilog(entries - i));
                    if (length > 32 || count > entries - i) {
                        throw invalid("an ordered codebook whose lengths overrun its entries");
                    }
                    kraft += (long) count << (32 - length);
                    used += count;
                    i += count;
                }
            } else {
                boolean sparse = bits.read(1) == 1;
                for (int i = 0; i < entries; i++) {
                    if (!sparse || bits.read(1) == 1) {
                        kraft += 1L << (32 - (bits.read(5) + 1));
                        used++;
                    }
                }
            }
            if (used != 1 && kraft != 1L << 32) {
                throw invalid("a codebook whose codeword lengths are not a complete prefix code");
            }
        }

        private void floor() {
            int type = bits.read(16);
            if (type == 0) {
                int order = bits.read(8);
                int rate = bits.read(16);
                int barkMap = bits.read(16);
                bits.read(6);
                bits.read(8);
                int books = bits.read(4) + 1;
                if (order < 1 || rate < 1 || barkMap < 1) {
                    throw invalid("a floor 0 of order " + order + ", rate " + rate + ", bark map " + barkMap);
                }
                for (int i = 0; i < books; i++) {
                    book(bits.read(8));
                }
            } else if (type == 1) {
                floor1();
            } else {
                throw invalid("floor type " + type);
            }
        }

        private void floor1() {
            int partitions = bits.read(5);
            int[] partitionClass = new int[partitions];
            int classes = 0;
            for (int i = 0; i < partitions; i++) {
                partitionClass[i] = bits.read(4);
                classes = Math.max(classes, partitionClass[i] + 1);
            }
            int[] classDim = new int[classes];
            for (int c = 0; c < classes; c++) {
                classDim[c] = bits.read(3) + 1;
                int subclasses = bits.read(2);
                if (subclasses > 0) {
                    book(bits.read(8));
                }
                for (int k = 0; k < 1 << subclasses; k++) {
                    int subBook = bits.read(8) - 1;
                    if (subBook >= 0) {
                        book(subBook);
                    }
                }
            }
            bits.read(2);
            int rangeBits = bits.read(4);
            int posts = 0;
            for (int i = 0; i < partitions; i++) {
                posts += classDim[partitionClass[i]];
            }
            if (posts > MAX_FLOOR1_POSTS) {
                throw invalid("a floor 1 with " + posts + " posts");
            }
            int[] x = new int[posts + 2];
            x[1] = 1 << rangeBits;
            for (int i = 0; i < posts; i++) {
                x[i + 2] = bits.read(rangeBits);
            }
            Arrays.sort(x);
            for (int i = 1; i < x.length; i++) {
                if (x[i] == x[i - 1]) {
                    throw invalid("a floor 1 with a repeated post");
                }
            }
        }

        private void residue() {
            int type = bits.read(16);
            if (type > 2) {
                throw invalid("residue type " + type);
            }
            int begin = bits.read(24);
            int end = bits.read(24);
            bits.read(24);
            int partitions = bits.read(6) + 1;
            int groupBook = book(bits.read(8));
            // Nothing past the interleaved long block is ever decoded, but jorbis sizes buffers by it.
            if (end < begin || end > (long) id.channels() * id.longBlock()) {
                throw invalid("a residue over [" + begin + ", " + end + ")");
            }
            int stages = 0;
            int[] cascade = new int[partitions];
            for (int i = 0; i < partitions; i++) {
                int low = bits.read(3);
                int high = bits.read(1) == 1 ? bits.read(5) : 0;
                cascade[i] = high << 3 | low;
                stages += Integer.bitCount(cascade[i]);
            }
            for (int i = 0; i < stages; i++) {
                if (!bookHasValues[book(bits.read(8))]) {
                    throw invalid("a residue stage using a codebook without values");
                }
            }
            // libvorbis' check that the classification book can address every partition combination.
            long combinations = 1;
            for (int d = 0; d < bookDims[groupBook]; d++) {
                combinations *= partitions;
                if (combinations > bookEntries[groupBook]) {
                    throw invalid("a residue classification book too small for its partitions");
                }
            }
        }

        private void mapping(int index) {
            if (bits.read(16) != 0) {
                throw invalid("a mapping of a type other than 0");
            }
            int submaps = bits.read(1) == 1 ? bits.read(4) + 1 : 1;
            if (bits.read(1) == 1) {
                int steps = bits.read(8) + 1;
                int channelBits = ilog(id.channels() - 1);
                for (int i = 0; i < steps; i++) {
                    long position = bits.packetPosition();
                    int magnitude = bits.read(channelBits);
                    int angle = bits.read(channelBits);
                    if (magnitude == angle || magnitude >= id.channels() || angle >= id.channels()) {
                        throw invalid("a channel coupling of " + magnitude + " and " + angle);
                    }
                    couplings.add(new Coupling(index, i, magnitude, angle, position));
                }
            }
            if (bits.read(2) != 0) {
                throw invalid("a mapping with reserved bits set");
            }
            if (submaps > 1) {
                for (int ch = 0; ch < id.channels(); ch++) {
                    if (bits.read(4) >= submaps) {
                        throw invalid("a channel mapped to a submap that does not exist");
                    }
                }
            }
            for (int i = 0; i < submaps; i++) {
                bits.read(8);
                if (bits.read(8) >= floors || bits.read(8) >= residues) {
                    throw invalid("a submap naming a floor or residue that does not exist");
                }
            }
        }

        private int book(int index) {
            if (index >= bookDims.length) {
                throw invalid("a reference to codebook " + index + " of " + bookDims.length);
            }
            return index;
        }

        /** The largest r with r^dim <= entries, found with integers as libvorbis does. */
        private static long lookup1Values(long entries, int dim) {
            long r = Math.max(1, (long) Math.floor(Math.pow(entries, 1.0 / dim)));
            while (r > 1 && power(r, dim, entries) > entries) {
                r--;
            }
            while (power(r + 1, dim, entries) <= entries) {
                r++;
            }
            return r;
        }

        /** base^exponent, or limit + 1 as soon as it exceeds limit. */
        private static long power(long base, int exponent, long limit) {
            long result = 1;
            for (int i = 0; i < exponent; i++) {
                result *= base;
                if (result > limit) {
                    return limit + 1;
                }
            }
            return result;
        }
    }

    /** LSB-first bit reader over one packet; reading past its end is a truncated header. */
    private static final class Bits {
        private final byte[] data;
        private final long startBit;
        private final long endBit;
        private long position;

        Bits(byte[] data, int packetStart, int from, int to) {
            this.data = data;
            this.startBit = (long) packetStart * 8;
            this.position = (long) from * 8;
            this.endBit = (long) to * 8;
        }

        long packetPosition() {
            return position - startBit;
        }

        int read(int count) {
            if (count == 0) {
                return 0;
            }
            if (position + count > endBit) {
                throw invalid("the setup header ends early");
            }
            int value = 0;
            for (int i = 0; i < count; i++, position++) {
                value |= (data[(int) (position >>> 3)] >> (position & 7) & 1) << i;
            }
            return value;
        }

        void skip(long count) {
            if (count < 0 || position + count > endBit) {
                throw invalid("the setup header ends early");
            }
            position += count;
        }
    }
}
