package io.streamrecorder.access;

/** A publish without a token that allows it; the message says which check failed, never the token. */
public class InvalidPublishTokenException extends Exception {

    private final boolean forAnotherStream;

    InvalidPublishTokenException(String message, boolean forAnotherStream) {
        super(message);
        this.forAnotherStream = forAnotherStream;
    }

    /** The token is genuine but names another stream: the publisher is known, the name is not theirs. */
    public boolean forAnotherStream() {
        return forAnotherStream;
    }
}
