package io.streamrecorder.encoder.ffmpeg;

import io.streamrecorder.encoder.EncoderSettings;
import io.streamrecorder.encoder.MediaWriter;
import io.streamrecorder.encoder.MediaWriterFactory;
import io.streamrecorder.encoder.TrackFormats;
import java.io.IOException;
import java.nio.file.Path;

/** Opens FFmpeg 8 writers with the configured encoder settings. */
public final class FfmpegMediaWriterFactory implements MediaWriterFactory {

    private final EncoderSettings settings;
    private final int indexReserve;

    /** {@code indexReserve}: bytes kept free in front of the media for the finished file's index; 0 for none. */
    public FfmpegMediaWriterFactory(EncoderSettings settings, int indexReserve) {
        if (indexReserve != 0 && indexReserve < 8) {
            throw new IllegalArgumentException("An index reserve is 0 or at least 8 bytes, was " + indexReserve);
        }
        this.settings = settings;
        this.indexReserve = indexReserve;
    }

    @Override
    public MediaWriter open(Path file, TrackFormats formats) throws IOException {
        return new FfmpegMediaWriter(file, formats, settings, indexReserve);
    }
}
