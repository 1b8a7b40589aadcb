package io.streamrecorder.upload;

import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** Sorts what S3 throws into worth retrying and not, with a reason an operator can act on. */
final class UploadFailures {

    private UploadFailures() {
    }

    static RuntimeException classify(String action, RuntimeException failure) {
        if (failure instanceof S3Exception s3) {
            int status = s3.statusCode();
            String code = s3.awsErrorDetails() == null ? "" : s3.awsErrorDetails().errorCode();
            if (status == 501 || "NotImplemented".equals(code)) {
                // Asked again it answers the same: what the store lacks is what the settings ask for.
                return new PermanentUploadException(action + ": the store does not implement what this upload asks for ("
                        + status + " " + code + ": " + (s3.awsErrorDetails() == null ? s3.getMessage()
                                : s3.awsErrorDetails().errorMessage()) + "); unset"
                        + " streamrecorder.upload.sse or streamrecorder.upload.tags if it names them", failure);
            }
            if (status >= 500 || status == 429 || "SlowDown".equals(code) || "RequestTimeout".equals(code)) {
                return new TransientUploadException(action + ": S3 answered " + status + " " + code, failure);
            }
            if (status == 403 || "InvalidAccessKeyId".equals(code) || "SignatureDoesNotMatch".equals(code)) {
                return new PermanentUploadException(action + ": S3 refused the credentials (" + status + " " + code
                        + "); check the AWS credentials the server runs with", failure);
            }
            if ("NoSuchBucket".equals(code)) {
                return new PermanentUploadException(action + ": the bucket does not exist (" + code + ")", failure);
            }
            if ("NoSuchUpload".equals(code)) {
                return new PermanentUploadException(action + ": S3 no longer knows the multipart upload (" + code
                        + "); it was aborted or expired", failure);
            }
            return new PermanentUploadException(action + ": S3 answered " + status + " " + code, failure);
        }
        if (failure instanceof SdkClientException) {
            return new TransientUploadException(action + ": S3 unreachable: " + failure.getMessage(), failure);
        }
        return failure;
    }
}
