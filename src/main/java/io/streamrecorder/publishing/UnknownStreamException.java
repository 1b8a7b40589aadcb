package io.streamrecorder.publishing;

/** A request names a stream its publisher is not publishing. */
public final class UnknownStreamException extends RuntimeException {

    UnknownStreamException(String streamName) {
        super("No stream named '" + streamName + "' is publishing on this connection");
    }
}
