package io.streamrecorder.signalling;

/** A message from the browser, already parsed and checked for shape (not for meaning). */
public sealed interface ClientMessage {

    String streamName();

    /** Asks which STUN/TURN servers to publish {@code streamName} through; {@code token} as in {@link Publish}. */
    record IceServers(String streamName, String token) implements ClientMessage {
    }

    /** {@code token} is null when none was given. */
    record Publish(String streamName, boolean record, String sdp, String token) implements ClientMessage {
    }

    record Ice(String streamName, String candidate, String sdpMid, int sdpMLineIndex) implements ClientMessage {
    }

    record Stop(String streamName) implements ClientMessage {
    }
}
