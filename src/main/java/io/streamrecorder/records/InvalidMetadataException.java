package io.streamrecorder.records;

/** Metadata that {@link RecordingMetadata} refuses; the message is meant for the user. */
public class InvalidMetadataException extends Exception {

    public InvalidMetadataException(String message) {
        super(message);
    }
}
