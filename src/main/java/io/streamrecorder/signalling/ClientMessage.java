package io.streamrecorder.signalling;

/** A message from the browser, already parsed and checked for shape (not for meaning). */
public sealed interface ClientMessage {

    String streamName();

    /** {@code token} is null when none was given. */
    record Publish(String streamName, boolean record, String sdp, String token) implements ClientMessage {
    }

    record Ice(String streamName, String candidate, String sdpMid, int sdpMLineIndex) implements ClientMessage {
    }

    record Stop(String streamName) implements ClientMessage {
    }
}
