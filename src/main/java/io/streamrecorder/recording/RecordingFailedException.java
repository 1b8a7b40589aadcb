package io.streamrecorder.recording;

/** A recording could not be written; the message says why in words a user can act on. */
public class RecordingFailedException extends Exception {

    public RecordingFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
