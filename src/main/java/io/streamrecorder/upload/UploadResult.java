package io.streamrecorder.upload;

/**
 * A verified upload: where the recording is and what S3 confirmed, including the object's
 * full-object CRC32C (Base64; null when checksums are off).
 */
public record UploadResult(String bucket, String key, long sizeBytes, String eTag, String crc32c, int parts) {
}
