package io.streamrecorder.ice;

/**
 * A STUN or TURN server as a peer connection is configured with it; {@code username} and
 * {@code credential} are null for STUN.
 */
public record IceServer(String url, String username, String credential) {

    static IceServer withoutCredentials(String url) {
        return new IceServer(url, null, null);
    }

    public boolean hasCredentials() {
        return username != null;
    }

    /** The credential stays out of log lines and exception messages. */
    @Override
    public String toString() {
        return hasCredentials() ? url + " (user " + username + ")" : url;
    }
}
