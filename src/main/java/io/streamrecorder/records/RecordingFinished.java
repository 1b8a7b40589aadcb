package io.streamrecorder.records;

/** CDI event fired once a recording's file is final; uploading observes it. */
public record RecordingFinished(RecordInfo record) {
}
