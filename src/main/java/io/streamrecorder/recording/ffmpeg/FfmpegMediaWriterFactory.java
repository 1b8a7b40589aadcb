package io.streamrecorder.recording.ffmpeg;

import io.streamrecorder.recording.EncoderSettings;
import io.streamrecorder.recording.MediaWriter;
import io.streamrecorder.recording.MediaWriterFactory;
import io.streamrecorder.recording.TrackFormats;
import java.io.IOException;
import java.nio.file.Path;

/** Opens FFmpeg 8 writers with the configured encoder settings. */
public final class FfmpegMediaWriterFactory implements MediaWriterFactory {

    private final EncoderSettings settings;

    public FfmpegMediaWriterFactory(EncoderSettings settings) {
        this.settings = settings;
    }

    @Override
    public MediaWriter open(Path file, TrackFormats formats) throws IOException {
        return new FfmpegMediaWriter(file, formats, settings);
    }
}
