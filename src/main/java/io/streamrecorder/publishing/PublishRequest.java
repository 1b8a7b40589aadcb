package io.streamrecorder.publishing;

import java.util.Map;
import java.util.Objects;

/**
 * A publisher asks to publish {@code streamName} with an SDP offer; {@code record} whether to record
 * it, {@code token} the publish token or null when none was given, {@code clientAddress} the IP
 * address its HTTP request came from (behind a trusted proxy, the one the proxy names), which
 * per-address limits count, {@code metadata} what the publisher says about the recording (empty for
 * nothing). Each edge checks the shape of what it received; the registry checks what it means.
 */
public record PublishRequest(String streamName, boolean record, String sdp, String token, String clientAddress,
        Map<String, String> metadata) {

    /** An SDP offer is a few KB; anything far larger is not an offer. */
    public static final int MAX_SDP_LENGTH = 32 * 1024;

    public PublishRequest {
        Objects.requireNonNull(clientAddress, "clientAddress");
        metadata = Map.copyOf(metadata);
    }
}
