package io.bonafide.audio.select;

import io.bonafide.audio.MediaException;
import io.bonafide.audio.decode.MediaInfo;
import io.bonafide.core.ErrorType;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * Which part of a file to analyse: channel mode, channel list (empty = all) and time range in
 * seconds from the file start. Construction checks what can be checked without the file;
 * {@link #resolveChannels} and {@link #checkAgainst} check the rest against its headers, and
 * fail with the SPEC media error types.
 *
 * @param mode      split or mix
 * @param channels  0-based channel indices in the order given; empty means all
 * @param startTime seconds from the file start where analysis begins, if set
 * @param endTime   seconds from the file start where analysis ends, if set
 */
public record Selection(ChannelMode mode, List<Integer> channels, OptionalDouble startTime, OptionalDouble endTime) {

    public Selection {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(startTime, "startTime");
        Objects.requireNonNull(endTime, "endTime");
        // Repeated indices would analyse a channel twice; keep the first mention of each.
        channels = List.copyOf(new LinkedHashSet<>(Objects.requireNonNull(channels, "channels")));
        for (int channel : channels) {
            if (channel < 0) {
                throw new MediaException(ErrorType.MEDIA_CHANNEL_OUT_OF_RANGE, "channel indices start at 0",
                        Map.of("channel", String.valueOf(channel)));
            }
        }
        checkTime("start_time", startTime);
        checkTime("end_time", endTime);
        if (startTime.isPresent() && endTime.isPresent() && startTime.getAsDouble() >= endTime.getAsDouble()) {
            throw new MediaException(ErrorType.MEDIA_TIME_RANGE_INVALID, "start_time must be before end_time",
                    Map.of("start_time", String.valueOf(startTime.getAsDouble()),
                            "end_time", String.valueOf(endTime.getAsDouble())));
        }
    }

    /** Every channel, split, the whole file. */
    public static Selection all() {
        return new Selection(ChannelMode.SPLIT, List.of(), OptionalDouble.empty(), OptionalDouble.empty());
    }

    /**
     * The file's channel indices this selection reads, in order.
     *
     * @throws MediaException {@code media.channel-out-of-range} naming the channel and the count
     */
    public List<Integer> resolveChannels(MediaInfo info) {
        if (channels.isEmpty()) {
            List<Integer> all = new ArrayList<>(info.channelCount());
            for (int c = 0; c < info.channelCount(); c++) {
                all.add(c);
            }
            return List.copyOf(all);
        }
        for (int channel : channels) {
            if (channel >= info.channelCount()) {
                throw new MediaException(ErrorType.MEDIA_CHANNEL_OUT_OF_RANGE,
                        "channel " + channel + " requested, the file has " + info.channelCount(),
                        Map.of("channel", String.valueOf(channel), "channel_count", String.valueOf(info.channelCount())));
            }
        }
        return channels;
    }

    /**
     * Checks the time range against the file's duration where the headers state it.
     *
     * @throws MediaException {@code media.time-range-invalid} when analysis would start at or past the end
     */
    public void checkAgainst(MediaInfo info) {
        double duration = info.durationSeconds();
        if (!Double.isNaN(duration) && startTime.isPresent() && startTime.getAsDouble() >= duration) {
            throw startBeyondEnd(duration);
        }
    }

    /** The error for a start time at or past the end of a file {@code duration} seconds long. */
    MediaException startBeyondEnd(double duration) {
        return new MediaException(ErrorType.MEDIA_TIME_RANGE_INVALID, "start_time is at or beyond the end of the file",
                Map.of("start_time", String.valueOf(startTime.orElse(0)), "duration", String.valueOf(duration)));
    }

    /** Channel numbers results report: the selected indices (split) or just 0 (mix). */
    public List<Integer> reportedChannels(MediaInfo info) {
        return mode == ChannelMode.MIX ? List.of(0) : resolveChannels(info);
    }

    private static void checkTime(String name, OptionalDouble value) {
        if (value.isPresent() && !(value.getAsDouble() >= 0 && Double.isFinite(value.getAsDouble()))) {
            throw new MediaException(ErrorType.MEDIA_TIME_RANGE_INVALID, name + " must be a finite number >= 0",
                    Map.of(name, String.valueOf(value.getAsDouble())));
        }
    }
}
