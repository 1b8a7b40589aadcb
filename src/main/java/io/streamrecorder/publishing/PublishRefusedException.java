package io.streamrecorder.publishing;

/** A publish the server will not start, with why: each kind has its own WHIP status code. */
public class PublishRefusedException extends Exception {

    public enum Kind {
        /** The stream name or the offer is not acceptable. */
        INVALID,
        /** No valid publish token. */
        UNAUTHORIZED,
        /** A valid token, for another stream. */
        FORBIDDEN,
        /** Another publisher has the name. */
        NAME_IN_USE,
        /** The offer sends no media the server can decode. */
        NO_USABLE_MEDIA,
        /** The server's limit on concurrent publishes is reached. */
        LIMIT,
        /** The limit on concurrent publishes from one client address is reached. */
        ADDRESS_LIMIT,
        /** The node is draining: it takes no new publishes, another node should. */
        DRAINING,
        /** The server could not start the stream (its recording, its peer connection). */
        UNAVAILABLE
    }

    private final Kind kind;

    public PublishRefusedException(Kind kind, String reason) {
        super(reason);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
