package io.streamrecorder.records;

import java.nio.file.Path;

/**
 * A finished recording: its file, how long it plays and how big it is, and whether an upload
 * followed it while it was written ({@link PartialForwarding}), which then finishes that upload.
 */
public record RecordInfo(String streamName, Path file, long durationMillis, long sizeBytes, boolean followed) {

    /** A recording no upload followed. */
    public RecordInfo(String streamName, Path file, long durationMillis, long sizeBytes) {
        this(streamName, file, durationMillis, sizeBytes, false);
    }

    public String fileName() {
        return file.getFileName().toString();
    }
}
