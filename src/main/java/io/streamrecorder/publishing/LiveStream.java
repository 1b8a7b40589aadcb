package io.streamrecorder.publishing;

import io.streamrecorder.media.VideoStats;
import java.time.Duration;
import java.time.Instant;

/**
 * A stream being published, as an operator sees it; the bitrate is the recording's, so far, the
 * client address where its media comes from (null until connected), {@code pausedSince} when its
 * recording was paused (null while it records).
 */
public record LiveStream(String name, Instant since, boolean publishing, String clientAddress, String recordingFile,
        long videoFrames, long audioChunks, long droppedSamples, VideoStats video, long recordedBytes, Instant pausedSince) {

    public long recordingBitsPerSecond() {
        double seconds = Duration.between(since, Instant.now()).toMillis() / 1000.0;
        return seconds > 0 ? Math.round(recordedBytes * 8 / seconds) : 0;
    }
}
