package io.streamrecorder.signalling;

import java.util.Map;

/** A message from the browser, already parsed and checked for shape (not for meaning). */
public sealed interface ClientMessage {

    String streamName();

    /** Asks which STUN/TURN servers to publish {@code streamName} through; {@code token} as in {@link Publish}. */
    record IceServers(String streamName, String token) implements ClientMessage {
    }

    /** {@code token} is null when none was given; {@code metadata} is empty when none was. */
    record Publish(String streamName, boolean record, String sdp, String token, Map<String, String> metadata)
            implements ClientMessage {
    }

    record Ice(String streamName, String candidate, String sdpMid, int sdpMLineIndex) implements ClientMessage {
    }

    record Pause(String streamName) implements ClientMessage {
    }

    record Resume(String streamName) implements ClientMessage {
    }

    record Stop(String streamName) implements ClientMessage {
    }
}
