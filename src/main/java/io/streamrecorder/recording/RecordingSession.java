package io.streamrecorder.recording;

import io.streamrecorder.recording.ffmpeg.Mp4Finisher;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One recording in progress. Network threads offer samples without blocking; a dedicated encoder
 * thread takes them from a bounded queue, aligns the tracks, encodes and, when the recording ends,
 * finalises the file under its final name. {@link #completion()} tells how it ended.
 */
public final class RecordingSession implements RecordingInput {

    private static final Logger LOG = Logger.getLogger(RecordingSession.class.getName());

    private final String streamName;
    private final RecordsDirectory.RecordingFile file;
    private final MediaWriterFactory writers;
    private final BlockingQueue<MediaSample> queue;
    private final SampleAligner aligner;
    private final Thread encoderThread;
    private final CompletableFuture<Optional<RecordInfo>> completion = new CompletableFuture<>();
    private final AtomicLong dropped = new AtomicLong();
    private final VideoTimestampSmoother videoClock = new VideoTimestampSmoother();
    private final FrameGrid frameGrid;
    private volatile boolean accepting = true;
    private long originNanos;
    private long endMicros;
    private int lastWidth;
    private int lastHeight;

    RecordingSession(String streamName, RecordsDirectory.RecordingFile file, MediaWriterFactory writers,
            int queueCapacity, int framesPerSecond, boolean expectVideo, boolean expectAudio, ThreadFactory threads) {
        this.streamName = streamName;
        this.file = file;
        this.writers = writers;
        this.queue = new ArrayBlockingQueue<>(queueCapacity);
        this.aligner = new SampleAligner(expectVideo, expectAudio);
        this.frameGrid = new FrameGrid(framesPerSecond);
        this.encoderThread = threads.newThread(this::encode);
    }

    void start() {
        encoderThread.start();
    }

    public String fileName() {
        return file.fileName();
    }

    /**
     * Completes with the finished recording (empty when no media ever arrived), or exceptionally
     * with a {@link RecordingFailedException}.
     */
    public CompletableFuture<Optional<RecordInfo>> completion() {
        return completion;
    }

    @Override
    public void offerVideo(I420Frame frame, long captureNanos) {
        offer(new MediaSample.Video(frame, captureNanos));
    }

    @Override
    public void offerAudio(PcmAudio audio, long captureNanos) {
        offer(new MediaSample.Audio(audio, captureNanos));
    }

    /** Stops taking media and finalises the file; {@link #completion()} completes when it is done. */
    public CompletableFuture<Optional<RecordInfo>> finish() {
        if (accepting) {
            accepting = false;
            try {
                // The encoder thread drains the queue, so this waits at most one queue's worth of work.
                queue.put(new MediaSample.End(System.nanoTime()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                encoderThread.interrupt();
            }
        }
        return completion;
    }

    private void offer(MediaSample sample) {
        if (accepting && !queue.offer(sample) && dropped.getAndIncrement() % 100 == 0) {
            LOG.warning(() -> "Recording " + file.fileName() + ": encoder falls behind, dropped " + dropped.get()
                    + " samples so far");
        }
    }

    private void encode() {
        MediaWriter writer = null;
        try {
            MediaSample sample;
            while (!((sample = queue.take()) instanceof MediaSample.End)) {
                if (writer != null) {
                    write(writer, sample);
                } else if (aligner.hold(sample)) {
                    writer = openAligned();
                }
            }
            if (writer == null && aligner.hasAnything()) {
                writer = openAligned();
            }
            completion.complete(finalise(writer));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail(writer, new IOException("interrupted"));
        } catch (IOException | RuntimeException e) {
            fail(writer, e);
        }
    }

    private MediaWriter openAligned() throws IOException {
        MediaWriter writer = writers.open(file.partial(), aligner.formats());
        originNanos = aligner.origin();
        for (MediaSample held : aligner.release()) {
            write(writer, held);
        }
        return writer;
    }

    private void write(MediaWriter writer, MediaSample sample) throws IOException {
        long ptsMicros = Math.max(0, sample.captureNanos() - originNanos) / 1_000;
        if (sample instanceof MediaSample.Video video) {
            noteResolution(video.frame());
            OptionalLong slot = frameGrid.place(videoClock.smooth(ptsMicros));
            if (slot.isPresent()) {
                writer.writeVideo(video.frame(), slot.getAsLong());
                endMicros = Math.max(endMicros, slot.getAsLong());
            }
        } else if (sample instanceof MediaSample.Audio audio) {
            writer.writeAudio(audio.audio(), ptsMicros);
            long chunkMicros = audio.audio().frames() * 1_000_000L / audio.audio().sampleRate();
            endMicros = Math.max(endMicros, ptsMicros + chunkMicros);
        }
    }

    private void noteResolution(I420Frame frame) {
        if (frame.width() == lastWidth && frame.height() == lastHeight) {
            return;
        }
        if (lastWidth != 0) {
            String before = lastWidth + "x" + lastHeight;
            LOG.info(() -> "Recording " + file.fileName() + ": the browser now sends " + frame.width() + "x" + frame.height()
                    + " instead of " + before + "; frames are scaled to the recording's size");
        }
        lastWidth = frame.width();
        lastHeight = frame.height();
    }

    /** Closes the writer and gives the file its final name; a recording without media leaves no file. */
    private Optional<RecordInfo> finalise(MediaWriter writer) throws IOException {
        if (writer == null) {
            Files.deleteIfExists(file.partial());
            LOG.info(() -> "Recording " + file.fileName() + " received no media; no file kept");
            return Optional.empty();
        }
        writer.close();
        Mp4Finisher.finish(file.partial(), file.finished());
        RecordInfo info = new RecordInfo(streamName, file.finished(), endMicros / 1_000, Files.size(file.finished()));
        LOG.info(() -> "Recording " + info.fileName() + " finished: " + info.durationMillis() + " ms, "
                + info.sizeBytes() + " bytes, " + dropped.get() + " samples dropped");
        return Optional.of(info);
    }

    private void fail(MediaWriter writer, Exception cause) {
        accepting = false;
        queue.clear();
        LOG.log(Level.WARNING, "Recording " + file.fileName() + " failed", cause);
        if (writer != null) {
            try {
                writer.close();
            } catch (IOException | RuntimeException closeFailure) {
                cause.addSuppressed(closeFailure);
            }
        }
        completion.completeExceptionally(new RecordingFailedException(
                "Recording failed: " + cause.getMessage() + ". The partial file is kept as " + file.partial().getFileName(),
                cause));
    }
}
