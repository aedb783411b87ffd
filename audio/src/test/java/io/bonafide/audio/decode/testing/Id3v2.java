package io.bonafide.audio.decode.testing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** ID3v2.3 tags built in Java: a title frame plus padding, to put in front of audio. */
public final class Id3v2 {
    private Id3v2() {
    }

    /** {@code audio} behind a tag of about {@code size} bytes. */
    public static byte[] prepend(byte[] audio, int size) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(tag(size));
        out.writeBytes(audio);
        return out.toByteArray();
    }

    /** A tag whose body (frames plus zero padding) is {@code size} bytes. */
    public static byte[] tag(int size) {
        byte[] title = "\u0000Bonafide test".getBytes(StandardCharsets.ISO_8859_1);
        byte[] body = new byte[Math.max(size, 10 + title.length)];
        byte[] frameHeader = {'T', 'I', 'T', '2', 0, 0, 0, (byte) title.length, 0, 0};
        System.arraycopy(frameHeader, 0, body, 0, 10);
        System.arraycopy(title, 0, body, 10, title.length);
        byte[] tag = new byte[10 + body.length];
        tag[0] = 'I';
        tag[1] = 'D';
        tag[2] = '3';
        tag[3] = 3;
        int n = body.length;
        tag[6] = (byte) (n >> 21 & 0x7f);
        tag[7] = (byte) (n >> 14 & 0x7f);
        tag[8] = (byte) (n >> 7 & 0x7f);
        tag[9] = (byte) (n & 0x7f);
        System.arraycopy(body, 0, tag, 10, body.length);
        return tag;
    }
}
