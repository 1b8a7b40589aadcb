package io.streamrecorder.upload;

import java.io.Serializable;

/** Where a recording goes and, once started, which multipart upload carries it. */
record UploadTarget(String bucket, String key, String uploadId) implements Serializable {
}
