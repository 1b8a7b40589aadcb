package io.streamrecorder.upload;

/**
 * CDI event about one recording's upload, for whoever shows it: UPLOADING with a percentage,
 * UPLOADED with where it is (and a time-limited link), UPLOAD_FAILED with the reason.
 */
public record UploadProgress(String fileName, State state, int percent, String bucket, String key, String url,
        String reason) {

    public enum State {
        UPLOADING,
        UPLOADED,
        UPLOAD_FAILED
    }

    static UploadProgress uploading(String fileName, int percent) {
        return new UploadProgress(fileName, State.UPLOADING, percent, null, null, null, null);
    }

    static UploadProgress uploaded(String fileName, String bucket, String key, String url) {
        return new UploadProgress(fileName, State.UPLOADED, 100, bucket, key, url, null);
    }

    static UploadProgress failed(String fileName, String reason) {
        return new UploadProgress(fileName, State.UPLOAD_FAILED, 0, null, null, null, reason);
    }

    public boolean last() {
        return state != State.UPLOADING;
    }
}
