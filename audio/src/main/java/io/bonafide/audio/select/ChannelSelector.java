package io.bonafide.audio.select;

import io.bonafide.audio.MediaException;
import io.bonafide.audio.decode.MediaInfo;
import io.bonafide.audio.decode.PcmStream;
import io.bonafide.core.ErrorType;
import java.util.List;
import java.util.Map;

/**
 * Reads a {@link PcmStream} as the selected channels (split) or their average (mix), trimmed
 * to the selection's time range, one planar block at a time. Frames before the start are
 * decoded and dropped (formats here cannot seek reliably), so times stay relative to the file
 * start. Not thread-safe.
 */
public final class ChannelSelector {
    private final PcmStream source;
    private final Selection selection;
    private final MediaInfo info;
    private final int[] sourceChannels;
    private final List<Integer> reported;
    private final long startFrame;
    private final long endFrame;
    private final long maxFrames;
    private float[] interleaved = new float[0];
    private long position;
    private long delivered;
    private boolean ended;
    private boolean endOfFile;

    /**
     * @param source    the decoded file (not closed by this class)
     * @param selection what to read
     * @param maxFrames most frames of the file (not of the selection) allowed before {@code media.too-long}
     * @throws MediaException when the selection does not fit the file's headers
     */
    public ChannelSelector(PcmStream source, Selection selection, long maxFrames) {
        this.source = source;
        this.selection = selection;
        this.info = source.info();
        List<Integer> channels = selection.resolveChannels(info);
        selection.checkAgainst(info);
        this.sourceChannels = channels.stream().mapToInt(Integer::intValue).toArray();
        this.reported = selection.reportedChannels(info);
        this.startFrame = Math.round(selection.startTime().orElse(0) * info.sampleRate());
        this.endFrame = selection.endTime().isPresent()
                ? Math.round(selection.endTime().getAsDouble() * info.sampleRate())
                : Long.MAX_VALUE;
        this.maxFrames = maxFrames;
        if (info.frameCount() > maxFrames) {
            throw tooLong();
        }
    }

    /** Channel numbers of the planar outputs, in order: selected indices (split) or 0 (mix). */
    public List<Integer> outputChannels() {
        return reported;
    }

    /** Frame index in the file of the first frame {@link #read} delivers. */
    public long startFrame() {
        return startFrame;
    }

    /**
     * Frames in the whole file: counted when reading reached its end, else from the headers, else
     * by decoding the rest (after the range ended early in a file whose headers do not say).
     *
     * @throws MediaException {@code media.too-long} when the rest runs past the frame limit
     */
    public long fileFrames() {
        if (endOfFile) {
            return position;
        }
        if (info.frameCount() >= 0) {
            return info.frameCount();
        }
        if (interleaved.length == 0) {
            interleaved = new float[4096 * info.channelCount()];
        }
        int block = interleaved.length / info.channelCount();
        int got;
        while ((got = source.read(interleaved, block)) > 0) {
            position += got;
            if (position > maxFrames) {
                throw tooLong();
            }
        }
        endOfFile = true;
        return position;
    }

    /**
     * Fills {@code out[c][0..n)} for each output channel with the next frames of the range.
     *
     * @return frames written (at least 1), or -1 once the range or the file has ended
     * @throws MediaException {@code media.time-range-invalid} when the file ends before the
     *                        start time, {@code media.empty} when it has no samples,
     *                        {@code media.too-long} past the frame limit
     */
    public int read(float[][] out, int maxFramesPerBlock) {
        int channelCount = info.channelCount();
        if (interleaved.length < maxFramesPerBlock * channelCount) {
            interleaved = new float[maxFramesPerBlock * channelCount];
        }
        while (!ended) {
            if (position >= endFrame) {
                ended = true;
                break;
            }
            int want = (int) Math.min(maxFramesPerBlock, endFrame - position);
            int got = source.read(interleaved, want);
            if (got < 0) {
                ended = true;
                endOfFile = true;
                break;
            }
            long blockStart = position;
            position += got;
            if (position > maxFrames) {
                throw tooLong();
            }
            int skip = (int) Math.max(0, Math.min(got, startFrame - blockStart));
            int frames = got - skip;
            if (frames == 0) {
                continue;
            }
            copyOut(out, skip, frames, channelCount);
            delivered += frames;
            return frames;
        }
        if (delivered == 0) {
            if (position == 0) {
                throw new MediaException(ErrorType.MEDIA_EMPTY, "the file holds no audio samples", Map.of());
            }
            throw selection.startBeyondEnd((double) position / info.sampleRate());
        }
        return -1;
    }

    private void copyOut(float[][] out, int skip, int frames, int channelCount) {
        if (selection.mode() == ChannelMode.MIX) {
            float scale = 1f / sourceChannels.length;
            float[] mixed = out[0];
            for (int f = 0; f < frames; f++) {
                int base = (skip + f) * channelCount;
                float sum = 0;
                for (int channel : sourceChannels) {
                    sum += interleaved[base + channel];
                }
                mixed[f] = sum * scale;
            }
            return;
        }
        for (int o = 0; o < sourceChannels.length; o++) {
            float[] target = out[o];
            int channel = sourceChannels[o];
            for (int f = 0; f < frames; f++) {
                target[f] = interleaved[(skip + f) * channelCount + channel];
            }
        }
    }

    private MediaException tooLong() {
        return new MediaException(ErrorType.MEDIA_TOO_LONG, "the file is longer than the configured maximum",
                Map.of("max_duration", String.valueOf((double) maxFrames / info.sampleRate())));
    }
}
