package io.streamrecorder.upload;

/** Retrying cannot help (credentials, a missing bucket or file, a verification mismatch). */
public class PermanentUploadException extends RuntimeException {

    public PermanentUploadException(String message) {
        super(message);
    }

    public PermanentUploadException(String message, Throwable cause) {
        super(message, cause);
    }
}
