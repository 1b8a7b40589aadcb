package io.streamrecorder.recording;

/**
 * How recordings are encoded: x264 preset and constant rate factor, keyframe interval in frames and
 * AAC bitrate in bits per second.
 */
public record EncoderSettings(String preset, int crf, int keyframeInterval, int audioBitrate) {

    public EncoderSettings {
        if (crf < 0 || crf > 51) {
            throw new IllegalArgumentException("CRF must be between 0 and 51, was " + crf);
        }
        if (keyframeInterval < 1) {
            throw new IllegalArgumentException("Keyframe interval must be at least 1 frame, was " + keyframeInterval);
        }
        if (audioBitrate < 8_000) {
            throw new IllegalArgumentException("Audio bitrate must be at least 8000 bit/s, was " + audioBitrate);
        }
    }
}
