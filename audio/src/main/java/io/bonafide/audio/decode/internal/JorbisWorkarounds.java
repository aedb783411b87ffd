package io.bonafide.audio.decode.internal;

import com.jcraft.jogg.Packet;
import com.jcraft.jorbis.Info;
import io.bonafide.audio.decode.MediaFormat;
import java.lang.reflect.Field;
import java.util.Arrays;
import java.util.Map;

/**
 * Works around a jorbis bug: where the Vorbis specification sizes a channel-coupling index as
 * ilog(channels - 1) bits, jorbis reads floor(log2(channels)), which differs whenever the count
 * is not a power of two, so it rejects every coupled 3-, 5-, 6- or 7-channel stream (5.1
 * included). We hand it a copy of the setup packet with each coupling field re-written at its
 * width with placeholder channels, then put the real channels (read correctly by
 * {@link VorbisHeaders}) into the mappings it built. That reaches into jorbis' package-private
 * state; should it ever stop matching, the stream is reported as unsupported rather than decoded
 * wrongly. (The same bug in jorbis' mode-number width is avoided in {@link VorbisHeaders}, which
 * refuses mode counts that are not powers of two; no known encoder writes one.)
 */
final class JorbisWorkarounds {
    private JorbisWorkarounds() {
    }

    /** Whether jorbis would misread this stream's coupling steps. */
    static boolean couplingNeedsRewrite(int channels, VorbisHeaders.Setup setup) {
        return Integer.bitCount(channels) != 1 && !setup.couplings().isEmpty();
    }

    /** The setup packet with coupling fields at jorbis' width, the channels set to 0 and 1. */
    static Packet rewriteCoupling(Packet setupPacket, int channels, VorbisHeaders.Setup setup) {
        int specWidth = VorbisHeaders.ilog(channels - 1);
        int jorbisWidth = 31 - Integer.numberOfLeadingZeros(channels);
        BitCopy copy = new BitCopy(setupPacket.packet_base, setupPacket.packet, setupPacket.bytes);
        for (VorbisHeaders.Coupling coupling : setup.couplings()) {
            copy.copyUpTo(coupling.bit());
            copy.skip(2L * specWidth);
            copy.write(0, jorbisWidth);
            copy.write(1, jorbisWidth);
        }
        copy.copyUpTo((long) setupPacket.bytes * 8);
        Packet patched = new Packet();
        patched.packet_base = copy.bytes();
        patched.packet = 0;
        patched.bytes = patched.packet_base.length;
        patched.b_o_s = setupPacket.b_o_s;
        patched.e_o_s = setupPacket.e_o_s;
        patched.granulepos = setupPacket.granulepos;
        patched.packetno = setupPacket.packetno;
        return patched;
    }

    /** Puts the real coupling channels into the mappings jorbis parsed from the rewritten packet. */
    static void restoreCoupling(Info info, VorbisHeaders.Setup setup) {
        try {
            Object[] mappings = (Object[]) accessible(Info.class, "map_param").get(info);
            for (VorbisHeaders.Coupling coupling : setup.couplings()) {
                Object mapping = mappings[coupling.mapping()];
                ((int[]) accessible(mapping.getClass(), "coupling_mag").get(mapping))[coupling.step()] =
                        coupling.magnitude();
                ((int[]) accessible(mapping.getClass(), "coupling_ang").get(mapping))[coupling.step()] =
                        coupling.angle();
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw MediaErrors.unsupported(
                    "coupled " + info.channels + "-channel Vorbis, which this jorbis cannot decode",
                    Map.of("format", MediaFormat.OGG.wireName(), "codec", "vorbis",
                            "channels", Integer.toString(info.channels), "cause", e.toString()));
        }
    }

    private static Field accessible(Class<?> type, String name) throws NoSuchFieldException {
        Field field = type.getDeclaredField(name);
        field.setAccessible(true);
        return field;
    }

    /** Copies an LSB-first bit stream, with fields skipped or written in between. */
    private static final class BitCopy {
        private final byte[] source;
        private final int offset;
        private final byte[] target;
        private long readBit;
        private long writeBit;

        BitCopy(byte[] source, int offset, int length) {
            this.source = source;
            this.offset = offset;
            // Narrower fields only ever shrink the packet.
            this.target = new byte[length];
        }

        void copyUpTo(long bit) {
            while (readBit < bit) {
                int value = source[offset + (int) (readBit >>> 3)] >> (readBit & 7) & 1;
                readBit++;
                write(value, 1);
            }
        }

        void skip(long bits) {
            readBit += bits;
        }

        void write(int value, int width) {
            for (int i = 0; i < width; i++, writeBit++) {
                if ((value >> i & 1) != 0) {
                    target[(int) (writeBit >>> 3)] |= (byte) (1 << (writeBit & 7));
                }
            }
        }

        byte[] bytes() {
            return Arrays.copyOf(target, (int) ((writeBit + 7) >>> 3));
        }
    }
}
