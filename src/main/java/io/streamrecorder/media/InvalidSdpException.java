package io.streamrecorder.media;

/** webrtc could not read SDP a publisher sent (an offer or a candidate); the message says why, in webrtc's words. */
public class InvalidSdpException extends Exception {

    public InvalidSdpException(String message) {
        super(message);
    }
}
