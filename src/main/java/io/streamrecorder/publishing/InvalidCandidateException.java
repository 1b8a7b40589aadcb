package io.streamrecorder.publishing;

/** A candidate the publisher sent cannot be used; the message says why, in webrtc's words. */
public class InvalidCandidateException extends Exception {

    InvalidCandidateException(String message, Throwable cause) {
        super(message, cause);
    }
}
