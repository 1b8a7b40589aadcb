package io.streamrecorder.signalling;

import io.streamrecorder.media.IngestListener;
import io.streamrecorder.media.VideoStats;
import io.streamrecorder.media.WebRtcIngest;
import io.streamrecorder.recording.RecordInfo;
import io.streamrecorder.recording.RecordingInput;
import io.streamrecorder.recording.RecordingSession;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * One stream a browser publishes: its peer connection, its recording (if any) and the browser to
 * tell. It ends exactly once, by Stop, by the browser going away or by a failure, and then releases
 * the peer connection and finalises the recording.
 */
final class PublishedStream implements IngestListener {

    private static final Logger LOG = Logger.getLogger(PublishedStream.class.getName());

    private final String name;
    private final Outbox browser;
    private volatile RecordingSession recording;
    private final Executor teardown;
    private final Consumer<PublishedStream> onEnded;
    private final AtomicBoolean publishing = new AtomicBoolean();
    private final AtomicBoolean ended = new AtomicBoolean();
    private volatile WebRtcIngest ingest;
    private final Instant since = Instant.now();

    PublishedStream(String name, Outbox browser, Executor teardown, Consumer<PublishedStream> onEnded) {
        this.name = name;
        this.browser = browser;
        this.teardown = teardown;
        this.onEnded = onEnded;
    }

    /** Records the stream's media; a recording that fails ends the stream with its reason. */
    void record(RecordingSession session) {
        this.recording = session;
        session.completion().whenComplete((info, failure) -> {
            if (failure != null) {
                fail(reasonOf(failure));
            }
        });
    }

    /** Where the network delivers this stream's media. */
    RecordingInput input() {
        return recording != null ? recording : RecordingInput.DISCARD;
    }

    String name() {
        return name;
    }

    /** What an operator sees of this stream now. */
    LiveStream view() {
        WebRtcIngest current = ingest;
        RecordingSession session = recording;
        return new LiveStream(name, since, isPublishing(), current == null ? null : current.clientAddress(),
                session == null ? null : session.currentFile(), current == null ? 0 : current.videoFrames(),
                current == null ? 0 : current.audioChunks(), session == null ? 0 : session.droppedSamples(),
                current == null ? new VideoStats(0, 0, 0) : current.videoStats(),
                session == null ? 0 : session.bytesWritten());
    }

    Outbox browser() {
        return browser;
    }

    void attach(WebRtcIngest ingest) {
        this.ingest = ingest;
    }

    WebRtcIngest ingest() {
        return ingest;
    }

    boolean hasEnded() {
        return ended.get();
    }

    boolean isPublishing() {
        return publishing.get();
    }

    @Override
    public void onAnswer(String sdp) {
        browser.send(new ServerMessage.Answer(name, sdp));
    }

    @Override
    public void onLocalCandidate(String candidate, String sdpMid, int sdpMLineIndex) {
        browser.send(new ServerMessage.Ice(name, candidate, sdpMid, sdpMLineIndex));
    }

    @Override
    public void onConnected() {
        if (!ended.get() && publishing.compareAndSet(false, true)) {
            LOG.info(() -> "Stream " + name + " is publishing"
                    + (recording == null ? "" : " into " + recording.currentFile()));
            browser.send(ServerMessage.Status.publishing(name));
        }
    }

    @Override
    public void onFailed(String reason) {
        fail(reason);
    }

    /** The browser asked to stop: answers UNPUBLISHED with the record once the file is final. */
    void stop() {
        end(() -> finishRecording().whenComplete((files, failure) -> browser.send(failure == null
                ? ServerMessage.Status.unpublished(name, files.stream().map(this::view).toList())
                : ServerMessage.Status.failed(name, reasonOf(failure)))));
    }

    /** The browser is gone: nobody to tell, but the recording is still finalised. */
    void abandon() {
        end(this::finishRecording);
    }

    void fail(String reason) {
        end(() -> {
            browser.send(ServerMessage.Status.failed(name, reason));
            finishRecording();
        });
    }

    private void end(Runnable then) {
        if (ended.compareAndSet(false, true)) {
            onEnded.accept(this);
            // Closing a peer connection must not happen on a webrtc thread, where failures arrive.
            teardown.execute(() -> {
                WebRtcIngest current = ingest;
                if (current != null) {
                    current.close();
                }
                then.run();
            });
        }
    }

    private CompletableFuture<List<RecordInfo>> finishRecording() {
        RecordingSession session = recording;
        return session == null ? CompletableFuture.completedFuture(List.of()) : session.finish();
    }

    private ServerMessage.RecordInfoView view(RecordInfo record) {
        return new ServerMessage.RecordInfoView(record.fileName(),
                browser.contextPath() + "/records/" + record.fileName(), record.durationMillis(), record.sizeBytes());
    }

    private static String reasonOf(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        return cause.getMessage();
    }
}
