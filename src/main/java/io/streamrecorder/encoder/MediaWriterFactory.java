package io.streamrecorder.encoder;

import java.io.IOException;
import java.nio.file.Path;

/** Opens a {@link MediaWriter}; the one place that knows which media library encodes. */
public interface MediaWriterFactory {

    MediaWriter open(Path file, TrackFormats formats) throws IOException;
}
