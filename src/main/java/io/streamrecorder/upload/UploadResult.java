package io.streamrecorder.upload;

/** A verified upload: where the recording is and what S3 confirmed. */
public record UploadResult(String bucket, String key, long sizeBytes, String eTag, int parts) {
}
