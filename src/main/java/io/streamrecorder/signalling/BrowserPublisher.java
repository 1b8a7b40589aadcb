package io.streamrecorder.signalling;

import io.streamrecorder.publishing.IceCandidate;
import io.streamrecorder.publishing.Publisher;
import io.streamrecorder.publishing.RecordedFile;
import io.streamrecorder.upload.UploadProgress;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/** A browser's signalling socket as a publisher: what happens to its streams, as messages on the socket. */
final class BrowserPublisher implements Publisher {

    private final Outbox outbox;
    private final String contextPath;
    private final UploadsAfterEnd uploads;
    private final String sessionId = HexFormat.of().formatHex(randomBytes());

    BrowserPublisher(Outbox outbox, String contextPath) {
        this.outbox = outbox;
        this.contextPath = contextPath;
        this.uploads = new UploadsAfterEnd(outbox::send);
    }

    @Override
    public void answered(String streamName, String sdp) {
        uploads.began(streamName);
        outbox.send(new ServerMessage.Answer(streamName, sdp));
    }

    @Override
    public void candidate(String streamName, IceCandidate candidate) {
        outbox.send(new ServerMessage.Ice(streamName, candidate.candidate(), candidate.sdpMid(), candidate.sdpMLineIndex()));
    }

    @Override
    public void publishing(String streamName) {
        outbox.send(ServerMessage.Status.publishing(streamName));
    }

    @Override
    public void paused(String streamName) {
        outbox.send(ServerMessage.Status.paused(streamName));
    }

    @Override
    public void unpublished(String streamName, List<RecordedFile> files) {
        outbox.send(ServerMessage.Status.unpublished(streamName, files.stream().map(file -> new ServerMessage.RecordInfoView(
                file.fileName(), contextPath + file.downloadPath(), file.durationMillis(), file.sizeBytes())).toList()));
        uploads.ended(streamName);
    }

    @Override
    public void failed(String streamName, String reason) {
        outbox.send(ServerMessage.Status.failed(streamName, reason));
        uploads.ended(streamName);
    }

    /** The page shows upload progress; the socket outlives the stream. */
    @Override
    public boolean followsUploads() {
        return true;
    }

    @Override
    public void uploadProgress(String streamName, UploadProgress progress) {
        uploads.report(streamName, progress);
    }

    @Override
    public String sessionId() {
        return sessionId;
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[6];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }
}
