package io.streamrecorder.records;

/** A stream name that the {@link StreamNamePolicy} refuses; the message is meant for the user. */
public class InvalidStreamNameException extends Exception {

    public InvalidStreamNameException(String message) {
        super(message);
    }
}
