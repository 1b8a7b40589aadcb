package io.streamrecorder.encoder;

/**
 * The tracks a recording will contain, fixed when the file is opened. Either may be null (audio-only
 * or video-only publish), never both.
 */
public record TrackFormats(VideoFormat video, AudioFormat audio) {

    public TrackFormats {
        if (video == null && audio == null) {
            throw new IllegalArgumentException("a recording needs at least one track");
        }
    }

    public record VideoFormat(int width, int height) {
    }

    public record AudioFormat(int sampleRate, int channels) {
    }
}
