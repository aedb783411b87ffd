package io.bonafide.audio.decode;

import java.util.Locale;

/** Container formats the front end decodes, sniffed from the bytes, never from a file name. */
public enum MediaFormat {
    WAV, FLAC, MP3, OGG;

    /** The name results report in {@code media.format}: wav, flac, mp3, ogg. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
