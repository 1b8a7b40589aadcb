package io.streamrecorder.signalling;

/** A message names a stream this socket is not publishing. */
public final class UnknownStreamException extends RuntimeException {

    UnknownStreamException(String streamName) {
        super("No stream named '" + streamName + "' is publishing on this connection");
    }
}
