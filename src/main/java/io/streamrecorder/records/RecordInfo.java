package io.streamrecorder.records;

import java.nio.file.Path;

/** A finished recording: its file, how long it plays and how big it is. */
public record RecordInfo(String streamName, Path file, long durationMillis, long sizeBytes) {

    public String fileName() {
        return file.getFileName().toString();
    }
}
