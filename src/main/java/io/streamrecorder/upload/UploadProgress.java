package io.streamrecorder.upload;

import io.streamrecorder.records.RecordingMetadata;

/**
 * CDI event about one recording's upload, for whoever shows it: UPLOADING with a percentage,
 * UPLOADED with where it is (and a time-limited link) and its checksums, UPLOAD_FAILED with the reason;
 * the recording's metadata with the last two.
 */
public record UploadProgress(String streamName, String fileName, State state, int percent, String bucket, String key,
        String url, long sizeBytes, String eTag, String crc32c, String reason, RecordingMetadata metadata) {

    public enum State {
        UPLOADING,
        UPLOADED,
        UPLOAD_FAILED
    }

    static UploadProgress uploading(String streamName, String fileName, int percent) {
        return new UploadProgress(streamName, fileName, State.UPLOADING, percent, null, null, null, 0, null, null, null,
                RecordingMetadata.NONE);
    }

    static UploadProgress uploaded(String streamName, String fileName, UploadResult result, String url,
            RecordingMetadata metadata) {
        return new UploadProgress(streamName, fileName, State.UPLOADED, 100, result.bucket(), result.key(), url,
                result.sizeBytes(), result.eTag(), result.crc32c(), null, metadata);
    }

    static UploadProgress failed(String streamName, String fileName, String bucket, String key, String reason,
            RecordingMetadata metadata) {
        return new UploadProgress(streamName, fileName, State.UPLOAD_FAILED, 0, bucket, key, null, 0, null, null, reason,
                metadata);
    }

    public boolean last() {
        return state != State.UPLOADING;
    }
}
