package io.streamrecorder.signalling;

import java.time.Instant;

/** A stream being published, as an operator sees it. */
public record LiveStream(String name, Instant since, boolean publishing, String recordingFile,
        long videoFrames, long audioChunks, long droppedSamples) {
}
