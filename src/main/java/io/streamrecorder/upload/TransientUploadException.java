package io.streamrecorder.upload;

/** S3 could not be reached or was busy; the job's XML makes the batch runtime retry this. */
public class TransientUploadException extends RuntimeException {

    public TransientUploadException(String message, Throwable cause) {
        super(message, cause);
    }
}
