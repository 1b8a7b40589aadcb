package io.streamrecorder.encoder.humble;

import io.streamrecorder.encoder.EncoderSettings;
import io.streamrecorder.encoder.MediaWriter;
import io.streamrecorder.encoder.MediaWriterFactory;
import io.streamrecorder.encoder.TrackFormats;
import java.io.IOException;
import java.nio.file.Path;

/** Opens humble-video writers with the configured encoder settings. */
public final class HumbleMediaWriterFactory implements MediaWriterFactory {

    private final EncoderSettings settings;

    public HumbleMediaWriterFactory(EncoderSettings settings) {
        this.settings = settings;
    }

    @Override
    public MediaWriter open(Path file, TrackFormats formats) throws IOException {
        try {
            return new HumbleMediaWriter(file, formats, settings);
        } catch (RuntimeException nativeFailure) {
            // humble reports FFmpeg errors as runtime exceptions; callers handle an I/O failure.
            throw new IOException("Cannot open " + file.getFileName() + " for recording: " + nativeFailure.getMessage(),
                    nativeFailure);
        }
    }
}
