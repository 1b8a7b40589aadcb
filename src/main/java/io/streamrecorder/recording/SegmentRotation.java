package io.streamrecorder.recording;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * When a segment ends: once it holds {@link RecordingOptions#rotateAfterMicros()} of recorded time,
 * or once its file has reached {@link RecordingOptions#rotateAfterBytes()}, its size looked at once
 * per second of media. One per segment.
 */
final class SegmentRotation {

    private static final long SIZE_CHECK_MICROS = 1_000_000;

    private final RecordingOptions options;
    private final Path file;
    private long nextSizeCheckMicros = SIZE_CHECK_MICROS;

    SegmentRotation(RecordingOptions options, Path file) {
        this.options = options;
        this.file = file;
    }

    /** Whether the segment ends before a sample at {@code micros} of recorded time. */
    boolean due(long micros) throws IOException {
        if (options.rotateAfterMicros() > 0 && micros >= options.rotateAfterMicros()) {
            return true;
        }
        if (options.rotateAfterBytes() > 0 && micros >= nextSizeCheckMicros) {
            nextSizeCheckMicros = micros + SIZE_CHECK_MICROS;
            return Files.size(file) >= options.rotateAfterBytes();
        }
        return false;
    }
}
