package io.streamrecorder.media;

/**
 * What a {@link WebRtcIngest} reports. Called on webrtc's native threads: implementations hand work
 * off and return quickly.
 */
public interface IngestListener {

    void onAnswer(String sdp);

    void onLocalCandidate(String candidate, String sdpMid, int sdpMLineIndex);

    /** ICE gathering is complete: {@code localSdp} is the answer with every local candidate in it. */
    void onCandidatesGathered(String localSdp);

    /** Media flows: the stream is publishing. */
    void onConnected();

    /** Negotiation or the connection failed; the reason is fit for the user. */
    void onFailed(String reason);
}
