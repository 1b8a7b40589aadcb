package io.streamrecorder.upload;

import io.streamrecorder.config.UploadConfig;
import io.streamrecorder.records.RecordingMetadata;
import java.util.Optional;
import java.util.logging.Logger;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * What every object carries besides its bytes: its type and file name for whoever downloads it, the
 * recording's metadata as user metadata ({@code x-amz-meta-<key>}), the tags of
 * {@code streamrecorder.upload.tags}, and the server-side encryption asked for, which the stored
 * object's head must then report.
 */
record ObjectAttributes(String fileName, RecordingMetadata metadata, String tagging, Optional<String> encryption,
        Optional<String> kmsKeyId) {

    private static final Logger LOG = Logger.getLogger(ObjectAttributes.class.getName());
    static final String CONTENT_TYPE = "video/mp4";

    static ObjectAttributes of(UploadConfig config, String streamName, String fileName, RecordingMetadata metadata) {
        String tagging = config.uploadTags().map(ObjectTags::new)
                .map(tags -> tags.render(streamName, fileName, metadata)).orElse("");
        return new ObjectAttributes(fileName, metadata, tagging, config.uploadEncryption(), config.uploadKmsKeyId());
    }

    /** File names have passed the stream name policy: nothing in them needs quoting beyond the quotes. */
    String contentDisposition() {
        return "attachment; filename=\"" + fileName + "\"";
    }

    void applyTo(CreateMultipartUploadRequest.Builder request) {
        request.contentType(CONTENT_TYPE).contentDisposition(contentDisposition()).metadata(metadata.entries())
                .tagging(tagging.isEmpty() ? null : tagging).serverSideEncryption(encryption.orElse(null))
                .ssekmsKeyId(kmsKeyId.orElse(null));
    }

    void applyTo(PutObjectRequest.Builder request) {
        request.contentType(CONTENT_TYPE).contentDisposition(contentDisposition()).metadata(metadata.entries())
                .tagging(tagging.isEmpty() ? null : tagging).serverSideEncryption(encryption.orElse(null))
                .ssekmsKeyId(kmsKeyId.orElse(null));
    }

    /**
     * The stored object must report the encryption asked for. A store that reports none (S3Proxy's
     * file system, a MinIO without KMS) may or may not have encrypted it: that is logged, not failed,
     * since the store accepted the request.
     *
     * @throws PermanentUploadException when the object reports another encryption
     */
    void verify(HeadObjectResponse stored, String location) {
        if (encryption.isEmpty()) {
            return;
        }
        String reported = stored.serverSideEncryptionAsString();
        if (reported == null) {
            LOG.warning(() -> String.format("%s: asked for server-side encryption %s, the store reports none;"
                    + " check the bucket's encryption with the store itself", location, encryption.get()));
        } else if (!reported.equals(encryption.get())) {
            throw new PermanentUploadException("Verification failed for " + location + ": asked for server-side encryption "
                    + encryption.get() + ", the store reports " + reported);
        }
    }
}
