package io.streamrecorder.signalling;

/**
 * Whoever publishes a stream and hears how it goes: a browser's signalling socket, or a WHIP
 * session, which keeps only what its HTTP answers need.
 */
public interface Publisher {

    /** What happens to the stream: answer, candidates, status, upload progress. Must not block. */
    void send(ServerMessage message);

    /**
     * The local description once every local candidate is in it: for publishers that cannot
     * receive candidates one by one (WHIP answers with all of them).
     */
    default void candidatesGathered(String localSdp) {
    }

    /** Whether the publisher hears how its recordings' uploads go (after the stream ended). */
    default boolean followsUploads() {
        return false;
    }

    /** Names the publisher's connection in recordings' file names ({@code {sessionId}}). */
    String sessionId();

    /** The web application's context path, for links the publisher follows (downloads). */
    String contextPath();
}
