package io.streamrecorder.publishing;

/**
 * A publisher asks to publish {@code streamName} with an SDP offer; {@code record} whether to record
 * it, {@code token} the publish token or null when none was given. Each edge checks the shape of
 * what it received; the registry checks what it means.
 */
public record PublishRequest(String streamName, boolean record, String sdp, String token) {

    /** An SDP offer is a few KB; anything far larger is not an offer. */
    public static final int MAX_SDP_LENGTH = 32 * 1024;
}
