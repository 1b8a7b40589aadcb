package io.streamrecorder.recording;

import io.streamrecorder.encoder.DiskFullException;
import io.streamrecorder.encoder.I420Frame;
import io.streamrecorder.encoder.MediaWriter;
import io.streamrecorder.encoder.MediaWriterFactory;
import io.streamrecorder.encoder.PcmAudio;
import io.streamrecorder.encoder.TrackFormats;
import io.streamrecorder.records.RecordInfo;
import io.streamrecorder.records.RecordingFinaliser;
import io.streamrecorder.records.RecordingMetadata;
import io.streamrecorder.records.RecordsDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadFactory;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One recording in progress. Network threads offer samples without blocking; a dedicated encoder
 * thread takes them from a bounded queue, aligns the tracks, encodes and, when the recording ends,
 * finalises the file. With rotation configured it writes consecutive segments, each finalised (on
 * a thread of its own, so encoding goes on) and announced as soon as the next one starts.
 * {@link #completion()} tells how it ended.
 */
public final class RecordingSession implements RecordingInput {

    private static final Logger LOG = Logger.getLogger(RecordingSession.class.getName());

    private final String streamName;
    private final String sessionId;
    private final RecordingMetadata metadata;
    private final RecordsDirectory directory;
    private final MediaWriterFactory writers;
    private final RecordingOptions options;
    private final MediaQueue queue;
    private final SampleAligner aligner;
    private final Thread encoderThread;
    private final FinishedFiles files;
    private final CompletableFuture<List<RecordInfo>> completion = new CompletableFuture<>();
    private final PausedSpans paused;
    private volatile boolean discarded;

    // Owned by the encoder thread; reset for every segment. The file is read by operators' views too.
    private volatile RecordsDirectory.RecordingFile file;
    private MediaWriter writer;
    private TrackFormats formats;
    private SegmentTimeline timeline;
    private SegmentRotation rotation;
    private boolean fileHandedOn;
    private int lastWidth;
    private int lastHeight;

    /**
     * @param onFile called with every finished file (segment, last file, or what a failure left),
     *               before {@link #completion()} completes
     */
    RecordingSession(RecordsDirectory.RecordingFile file, RecordingMetadata metadata, RecordsDirectory directory,
            RecordingFinaliser finaliser, MediaWriterFactory writers, RecordingOptions options, boolean expectVideo,
            boolean expectAudio, ThreadFactory threads, Consumer<RecordInfo> onFile) {
        this.file = file;
        this.streamName = file.streamName();
        this.sessionId = file.sessionId();
        this.metadata = metadata;
        this.directory = directory;
        this.writers = writers;
        this.options = options;
        this.paused = new PausedSpans(1_000_000_000L / options.framesPerSecond());
        this.queue = new MediaQueue(options.queueCapacity(), options.maxQueuedFrames(), this::currentFile);
        this.aligner = new SampleAligner(expectVideo, expectAudio);
        this.files = new FinishedFiles(finaliser, threads, onFile);
        this.encoderThread = threads.newThread(this::encode);
    }

    void start() {
        encoderThread.start();
    }

    /**
     * Leaves out what is captured from now until {@link #resume()}; the file goes on from where it
     * stopped. Returns false when already paused.
     *
     * @throws IllegalStateException when paused too often ({@link PausedSpans#MAX_PAUSES})
     */
    public boolean pause() {
        return pauseAt(System.nanoTime());
    }

    /** Records again; returns false when not paused. */
    public boolean resume() {
        return resumeAt(System.nanoTime());
    }

    /** At a capture time of the media's clock. */
    boolean pauseAt(long captureNanos) {
        return paused.pause(captureNanos);
    }

    boolean resumeAt(long captureNanos) {
        return paused.resume(captureNanos);
    }

    public boolean isPaused() {
        return paused.isPaused();
    }

    /** Samples dropped because the encoder fell behind. */
    public long droppedSamples() {
        return queue.dropped();
    }

    /** Samples waiting for the encoder. */
    public int queuedSamples() {
        return queue.size();
    }

    /** Whether the encoder has taken nothing for {@code quiet} while its queue is full. */
    public boolean isStalled(Duration quiet) {
        return queue.stalled(System.nanoTime(), quiet.toNanos());
    }

    public String streamName() {
        return streamName;
    }

    /** Bytes in the file being written now. */
    public long bytesWritten() {
        try {
            return Files.size(file.partial());
        } catch (IOException finishedMeanwhile) {
            return 0;
        }
    }

    /** The file being written now, for log lines. */
    public String currentFile() {
        return file.partialName();
    }

    /**
     * Completes with every file the recording produced, in order (none when no media ever arrived),
     * or exceptionally with a {@link RecordingFailedException}.
     */
    public CompletableFuture<List<RecordInfo>> completion() {
        return completion;
    }

    @Override
    public I420Frame blankFrame(int width, int height) {
        return queue.blankFrame(width, height);
    }

    @Override
    public void offerVideo(I420Frame frame, long captureNanos) {
        queue.offerVideo(frame, captureNanos);
    }

    @Override
    public void offerAudio(PcmAudio audio, long captureNanos) {
        queue.offerAudio(audio, captureNanos);
    }

    /** Stops taking media and finalises the file; {@link #completion()} completes when it is done. */
    public CompletableFuture<List<RecordInfo>> finish() {
        try {
            // The encoder thread drains the queue, so this waits at most one queue's worth of work.
            queue.end(new MediaSample.End(System.nanoTime()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            encoderThread.interrupt();
        }
        return completion;
    }

    /**
     * Stops taking media and deletes what was written instead of finishing it: for a publish whose
     * media never connected, whose audio is the silence webrtc's audio device plays from a remote
     * track the moment it exists. {@link #completion()} completes with no files.
     */
    public CompletableFuture<List<RecordInfo>> discard() {
        discarded = true;
        return finish();
    }

    private void encode() {
        try {
            MediaSample sample;
            while (!((sample = queue.take()) instanceof MediaSample.End)) {
                if (writer != null) {
                    write(sample);
                } else if (aligner.hold(sample)) {
                    openAligned();
                }
            }
            if (discarded) {
                deleteWritten();
                return;
            }
            if (writer == null && aligner.hasAnything()) {
                openAligned();
            }
            if (writer == null) {
                directory.discard(file);
                LOG.info(() -> String.format("Recording of %s received no media; no file kept", streamName));
            } else {
                closeSegment(false, sample.captureNanos());
            }
            completeWhenFilesAre();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail(new IOException("interrupted"));
        } catch (IOException | RuntimeException e) {
            fail(e);
        } catch (OutOfMemoryError e) {
            // Clearing the queue frees its frames, enough to finalise what was written.
            fail(new IOException("out of memory", e));
        }
    }

    private void deleteWritten() throws IOException {
        MediaWriter closing = writer;
        writer = null;
        try {
            if (closing != null) {
                closing.close();
            }
        } finally {
            directory.discard(file);
        }
        LOG.info(() -> String.format("Recording of %s discarded: its media never connected", streamName));
        completion.complete(List.of());
    }

    private void openAligned() throws IOException {
        formats = aligner.formats();
        openSegment(aligner.origin());
        for (MediaSample held : aligner.release(queue::release)) {
            write(held);
        }
    }

    private void openSegment(long origin) throws IOException {
        fileHandedOn = false;
        writer = writers.open(file.partial(), formats);
        timeline = new SegmentTimeline(origin, paused, options.framesPerSecond());
        rotation = new SegmentRotation(options, file.partial());
    }

    private void write(MediaSample sample) throws IOException {
        if (paused.covers(sample.captureNanos())) {
            if (sample instanceof MediaSample.Video video) {
                queue.release(video.frame());
            }
            return;
        }
        long ptsMicros = timeline.micros(sample.captureNanos());
        if (rotationDue(sample, ptsMicros)) {
            rotate(sample.captureNanos());
            ptsMicros = 0;
        } else if (sample.captureNanos() < timeline.originNanos() && !files.isEmpty()) {
            // Captured before this segment began; it arrived after the previous one was closed.
            return;
        }
        if (sample instanceof MediaSample.Video video) {
            noteResolution(video.frame());
            OptionalLong slot = timeline.videoAt(ptsMicros);
            if (slot.isPresent()) {
                writer.writeVideo(video.frame(), slot.getAsLong());
            }
            // Both writers copy the pixels into the encoder's own picture before they return.
            queue.release(video.frame());
        } else if (sample instanceof MediaSample.Audio audio) {
            if (timeline.audioFollowsCut(sample.captureNanos())) {
                writer.cut();
            }
            writer.writeAudio(audio.audio(), ptsMicros);
        }
    }

    /** A segment ends on a video frame when there is video, so every segment starts with a picture at zero. */
    private boolean rotationDue(MediaSample sample, long ptsMicros) throws IOException {
        boolean boundary = formats.video() == null || sample instanceof MediaSample.Video;
        return boundary && rotation.due(ptsMicros);
    }

    private void rotate(long captureNanos) throws IOException {
        closeSegment(true, captureNanos);
        file = directory.reserve(streamName, Instant.now(), sessionId, metadata);
        openSegment(captureNanos);
        LOG.info(() -> String.format("Recording of %s continues in a new segment, %s", streamName, file.partialName()));
    }

    /**
     * Closes the writer and finalises its file, on a thread of its own when recording goes on. The
     * file is finalised even when closing fails (a full disk): its fragments hold what was recorded.
     * {@code endNanos} is when the segment ended on the capture clock: the log compares the file's
     * duration with the time media was published into it, paused time left out.
     */
    private void closeSegment(boolean recordingGoesOn, long endNanos) throws IOException {
        long pausedNanos = timeline.pausedUntil(endNanos);
        long publishedMillis = (endNanos - timeline.originNanos() - pausedNanos) / 1_000_000;
        MediaWriter closing = writer;
        writer = null;
        RecordsDirectory.RecordingFile closed = file;
        fileHandedOn = true;
        Exception closeFailure = null;
        try {
            closing.close();
        } catch (IOException | RuntimeException e) {
            closeFailure = e;
        }
        if (recordingGoesOn) {
            files.finishWhileRecording(closed, publishedMillis, pausedNanos / 1_000_000, queue.dropped());
        } else {
            files.finishLast(closed, publishedMillis, pausedNanos / 1_000_000, queue.dropped());
        }
        if (closeFailure instanceof IOException io) {
            throw io;
        } else if (closeFailure != null) {
            throw (RuntimeException) closeFailure;
        }
    }

    private void noteResolution(I420Frame frame) {
        if (frame.width() == lastWidth && frame.height() == lastHeight) {
            return;
        }
        if (lastWidth != 0) {
            String before = lastWidth + "x" + lastHeight;
            LOG.info(() -> String.format(
                    "Recording of %s: the browser now sends %sx%s instead of %s; frames are scaled to the recording's size",
                    streamName, frame.width(), frame.height(), before));
        }
        lastWidth = frame.width();
        lastHeight = frame.height();
    }

    /**
     * Stops the recording but keeps what it wrote: the current file is finalised like any other (cut
     * back to its last whole fragment when the disk is full) and announced, so it is uploaded too.
     */
    private void fail(Exception cause) {
        queue.abandon();
        LOG.log(Level.WARNING, cause,
                () -> String.format("Recording of %s failed in %s", streamName, file.partialName()));
        if (writer != null) {
            try {
                closeSegment(false, System.nanoTime());
            } catch (IOException | RuntimeException closeFailure) {
                cause.addSuppressed(closeFailure);
            }
        } else if (!fileHandedOn) {
            try {
                // No writer ever wrote media into it.
                directory.discard(file);
            } catch (IOException e) {
                cause.addSuppressed(e);
            }
        }
        boolean diskFull = DiskFullException.isCause(cause) || directory.isFull();
        String reason = diskFull ? "disk full: the recording of " + streamName + " stopped"
                : "Recording failed: " + cause.getMessage();
        files.kept(file.partialName()).thenAccept(kept ->
                completion.completeExceptionally(new RecordingFailedException(reason + kept, cause)));
    }

    /** Completes with the files once every one is finalised. */
    private void completeWhenFilesAre() {
        files.all().whenComplete((all, failure) -> {
            if (failure != null) {
                completion.completeExceptionally(new RecordingFailedException(
                        "Recording failed while finishing a file: " + failure.getMessage(), failure));
            } else {
                completion.complete(all);
            }
        });
    }
}
