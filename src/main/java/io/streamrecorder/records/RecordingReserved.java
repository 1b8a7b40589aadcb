package io.streamrecorder.records;

/**
 * CDI event fired when a recording's partial file is reserved (at its start, and for each new
 * segment when it rotates), before any media is written: an upload may follow it from here.
 */
public record RecordingReserved(RecordsDirectory.RecordingFile file) {
}
