package io.streamrecorder.publishing;

/** A stream that cannot be paused or resumed now; the message says why, for a user. */
public final class CannotPauseException extends Exception {

    CannotPauseException(String message) {
        super(message);
    }
}
