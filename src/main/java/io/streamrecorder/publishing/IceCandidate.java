package io.streamrecorder.publishing;

/** One ICE candidate line, for the media section {@code sdpMid} (null when unknown) or {@code sdpMLineIndex}. */
public record IceCandidate(String candidate, String sdpMid, int sdpMLineIndex) {
}
