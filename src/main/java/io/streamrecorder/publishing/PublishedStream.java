package io.streamrecorder.publishing;

import io.streamrecorder.access.DownloadLinks;
import io.streamrecorder.media.IngestListener;
import io.streamrecorder.media.VideoStats;
import io.streamrecorder.media.WebRtcIngest;
import io.streamrecorder.recording.RecordingInput;
import io.streamrecorder.recording.RecordingSession;
import io.streamrecorder.records.RecordInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;

/**
 * One stream a browser or WHIP client publishes: its peer connection, its recording (if any) and
 * the publisher to tell. It ends exactly once, by Stop, by the publisher going away or by a failure,
 * and then releases the peer connection and finalises the recording.
 */
final class PublishedStream implements IngestListener {

    private static final Logger LOG = Logger.getLogger(PublishedStream.class.getName());

    private final String name;
    private final Publisher publisher;
    private final String publisherAddress;
    private volatile RecordingSession recording;
    private final Executor teardown;
    private final DownloadLinks links;
    private final Registration registry;
    private final AtomicBoolean publishing = new AtomicBoolean();
    private final AtomicBoolean ended = new AtomicBoolean();
    private volatile WebRtcIngest ingest;
    private final Instant since = Instant.now();
    /** When the recording was last paused; null while it records. */
    private volatile Instant pausedSince;

    /** What the registry hears of a stream's life. */
    interface Registration {

        /** Ended: the name is free again. */
        void ended(PublishedStream stream);
    }

    /** {@code publisherAddress}: where the publisher's request came from, which per-address limits count. */
    PublishedStream(String name, Publisher publisher, String publisherAddress, Executor teardown, DownloadLinks links,
            Registration registry) {
        this.name = name;
        this.publisher = publisher;
        this.publisherAddress = publisherAddress;
        this.teardown = teardown;
        this.links = links;
        this.registry = registry;
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
                session == null ? 0 : session.bytesWritten(), pausedSince);
    }

    Publisher publisher() {
        return publisher;
    }

    String publisherAddress() {
        return publisherAddress;
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
        publisher.answered(name, sdp);
    }

    @Override
    public void onLocalCandidate(String candidate, String sdpMid, int sdpMLineIndex) {
        publisher.candidate(name, new IceCandidate(candidate, sdpMid, sdpMLineIndex));
    }

    @Override
    public void onCandidatesGathered(String localSdp) {
        publisher.candidatesGathered(name, localSdp);
    }

    @Override
    public void onConnected() {
        if (!ended.get() && publishing.compareAndSet(false, true)) {
            LOG.info(() -> String.format("Stream %s is publishing from %s%s", name, publisherAddress,
                    recording == null ? "" : String.format(" into %s", recording.currentFile())));
            publisher.publishing(name);
        }
    }

    @Override
    public void onFailed(String reason) {
        fail(reason);
    }

    /**
     * Leaves what comes next out of the recording, the connection staying up; the publisher hears
     * PAUSED (again, when it already was). Returns when it was paused, for a limit on how long.
     */
    synchronized Instant pause() throws CannotPauseException {
        RecordingSession session = recordingToPause();
        try {
            if (session.pause()) {
                pausedSince = Instant.now();
                LOG.info(() -> String.format("Recording of %s is paused in %s", name, session.currentFile()));
            }
        } catch (IllegalStateException tooOften) {
            throw new CannotPauseException(tooOften.getMessage());
        }
        publisher.paused(name);
        return pausedSince;
    }

    /** Records again where the file stopped; the publisher hears PUBLISHING (again, when it was not paused). */
    synchronized void resume() throws CannotPauseException {
        RecordingSession session = recordingToPause();
        if (session.resume()) {
            Instant paused = pausedSince;
            pausedSince = null;
            LOG.info(() -> String.format("Recording of %s resumes after %d s paused", name,
                    Duration.between(paused, Instant.now()).toSeconds()));
        }
        publisher.publishing(name);
    }

    /** Ends the stream if it is still in the pause that began at {@code since}. */
    synchronized void stopIfPausedSince(Instant since, Duration limit) {
        if (since.equals(pausedSince) && !hasEnded()) {
            LOG.info(() -> String.format("Stream %s stops: paused for longer than %d s", name, limit.toSeconds()));
            stop();
        }
    }

    private RecordingSession recordingToPause() throws CannotPauseException {
        RecordingSession session = recording;
        if (session == null) {
            throw new CannotPauseException("Stream '" + name + "' is not recorded: there is nothing to pause");
        }
        if (!isPublishing() || hasEnded()) {
            throw new CannotPauseException("Stream '" + name + "' is not publishing");
        }
        return session;
    }

    /** The publisher asked to stop: answers UNPUBLISHED with the record once the file is final. */
    void stop() {
        end(() -> finishRecording().whenComplete((files, failure) -> {
            if (failure == null) {
                publisher.unpublished(name, files.stream().map(this::view).toList());
            } else {
                publisher.failed(name, reasonOf(failure));
            }
        }));
    }

    /** The publisher is gone: nobody to tell, but the recording is still finalised. */
    void abandon() {
        end(this::finishRecording);
    }

    /**
     * The application stops: ends on the caller's thread, now, while webrtc's factory is still
     * there; the executor may already be gone, and a teardown after the factory's would crash.
     */
    void abandonNow() {
        if (ended.compareAndSet(false, true)) {
            registry.ended(this);
            closeThen(this::finishRecording);
        }
    }

    void fail(String reason) {
        end(() -> {
            publisher.failed(name, reason);
            finishRecording();
        });
    }

    private void end(Runnable then) {
        if (ended.compareAndSet(false, true)) {
            registry.ended(this);
            // Closing a peer connection must not happen on a webrtc thread, where failures arrive.
            teardown.execute(() -> closeThen(then));
        }
    }

    private void closeThen(Runnable then) {
        WebRtcIngest current = ingest;
        if (current != null) {
            current.close();
        }
        then.run();
    }

    /** A stream that never connected has recorded nothing of the publisher's: its file is discarded. */
    private CompletableFuture<List<RecordInfo>> finishRecording() {
        RecordingSession session = recording;
        if (session == null) {
            return CompletableFuture.completedFuture(List.of());
        }
        return publishing.get() ? session.finish() : session.discard();
    }

    private RecordedFile view(RecordInfo record) {
        return new RecordedFile(record.fileName(), links.link(record.fileName()), record.durationMillis(), record.sizeBytes());
    }

    private static String reasonOf(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        return cause.getMessage();
    }
}
