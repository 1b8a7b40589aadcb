package io.streamrecorder.encoder;

import java.util.Optional;

/**
 * How recordings are encoded: x264 preset, constant rate factor or, when {@code videoBitrate} is
 * above 0, an average bitrate in bits per second instead; keyframe interval in frames, the
 * recordings' frame rate (which sets the H.264 level the encoder picks, and with it the reference
 * frames it keeps), AAC bitrate,
 * encoder threads per recording, x264 options over the preset ({@code key=value:key=value}, empty for
 * none) and, optionally, a hardware encoder family (vaapi, nvenc, qsv) to try first.
 */
public record EncoderSettings(String preset, int crf, int videoBitrate, int keyframeInterval, int frameRate,
        int audioBitrate, int threads, String x264Params, Optional<String> hardware) {

    public EncoderSettings {
        if (crf < 0 || crf > 51) {
            throw new IllegalArgumentException("CRF must be between 0 and 51, was " + crf);
        }
        if (keyframeInterval < 1) {
            throw new IllegalArgumentException("Keyframe interval must be at least 1 frame, was " + keyframeInterval);
        }
        if (frameRate < 1) {
            throw new IllegalArgumentException("Frame rate must be at least 1, was " + frameRate);
        }
        if (audioBitrate < 8_000) {
            throw new IllegalArgumentException("Audio bitrate must be at least 8000 bit/s, was " + audioBitrate);
        }
        if (videoBitrate < 0) {
            throw new IllegalArgumentException("Video bitrate must be 0 (use CRF) or more, was " + videoBitrate);
        }
        if (threads < 0) {
            throw new IllegalArgumentException("Encoder threads must be 0 (automatic) or more, was " + threads);
        }
        if (!x264Params.isEmpty() && !x264Params.matches("[a-z0-9-]+=[A-Za-z0-9.,-]+(:[a-z0-9-]+=[A-Za-z0-9.,-]+)*")) {
            throw new IllegalArgumentException("x264 options must be key=value pairs separated by ':', was '" + x264Params + "'");
        }
    }

    public EncoderSettings(String preset, int crf, int keyframeInterval, int audioBitrate) {
        this(preset, crf, 0, keyframeInterval, 30, audioBitrate, 1, "", Optional.empty());
    }

    public EncoderSettings withoutHardware() {
        return new EncoderSettings(preset, crf, videoBitrate, keyframeInterval, frameRate, audioBitrate, threads,
                x264Params, Optional.empty());
    }

    /** The x264 options with the frame rate, for an encoder that is given no other way to know it. */
    public String x264ParamsWithFrameRate() {
        if (x264Params.matches("(.*:)?fps=.*")) {
            return x264Params;
        }
        return (x264Params.isEmpty() ? "" : x264Params + ":") + "fps=" + frameRate;
    }

    public boolean constantQuality() {
        return videoBitrate == 0;
    }
}
