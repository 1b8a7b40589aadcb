package io.streamrecorder.signalling;

/** A message that is not JSON or not of a shape we accept; the text goes back to the sender. */
public class MalformedMessageException extends Exception {

    public MalformedMessageException(String message) {
        super(message);
    }
}
