package io.streamrecorder.publishing;

import io.streamrecorder.upload.UploadProgress;
import java.util.List;

/**
 * Whoever publishes a stream and hears how it goes: an edge (a browser's signalling socket, a WHIP
 * session) translates these calls into its own protocol. Calls come from WebSocket, webrtc and
 * encoder threads: none may block.
 */
public interface Publisher {

    /** The server's SDP answer, as first made (candidates follow one by one). */
    void answered(String streamName, String sdp);

    /** One of the server's ICE candidates. */
    void candidate(String streamName, IceCandidate candidate);

    /**
     * The server's description once every local candidate is in it: for publishers that cannot
     * receive candidates one by one (WHIP answers with all of them).
     */
    default void candidatesGathered(String streamName, String localSdp) {
    }

    /** Media flows: the stream is published (and recorded, if asked); also after a pause, once resumed. */
    void publishing(String streamName);

    /** The recording is paused, the connection up; WHIP has no word for it. */
    default void paused(String streamName) {
    }

    /** Stopped as asked; {@code files} are the recorded files in order (empty when not recorded). */
    void unpublished(String streamName, List<RecordedFile> files);

    /** The stream ended on its own: why, in words for a user. */
    void failed(String streamName, String reason);

    /** Whether the publisher hears how its recordings' uploads go (after the stream ended). */
    default boolean followsUploads() {
        return false;
    }

    /** How the upload of a file this publisher recorded goes; only for those that follow uploads. */
    default void uploadProgress(String streamName, UploadProgress progress) {
    }

    /** Names the publisher's connection in recordings' file names ({@code {sessionId}}). */
    String sessionId();
}
