package io.streamrecorder.recording;

import io.streamrecorder.config.RecorderConfig;
import io.streamrecorder.encoder.MediaWriterFactory;
import io.streamrecorder.records.RecordInfo;
import io.streamrecorder.records.RecordingFinaliser;
import io.streamrecorder.records.RecordingFinished;
import io.streamrecorder.records.RecordingMetadata;
import io.streamrecorder.records.RecordsDirectory;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Starts recordings and announces each finished one with a {@link RecordingFinished} event. */
@ApplicationScoped
public class RecordingService {

    private static final Logger LOG = Logger.getLogger(RecordingService.class.getName());
    private static final long FINISH_ON_SHUTDOWN_SECONDS = 20;

    @Resource(lookup = "java:comp/DefaultManagedThreadFactory")
    private ManagedThreadFactory threads;

    private Event<RecordingFinished> finished;
    private RecordsDirectory directory;
    private RecordingFinaliser finaliser;
    private MediaWriterFactory writers;
    private RecordingOptions options;
    private final Set<RecordingSession> active = ConcurrentHashMap.newKeySet();
    private final RecordingCounts counts = new RecordingCounts();
    private final AtomicLong droppedReported = new AtomicLong();

    protected RecordingService() {
        // for CDI proxies
    }

    @Inject
    public RecordingService(RecorderConfig config, Event<RecordingFinished> finished, RecordsDirectory directory,
            RecordingFinaliser finaliser, MediaWriterFactory writers) {
        this.finished = finished;
        this.directory = directory;
        this.finaliser = finaliser;
        this.writers = writers;
        this.options = new RecordingOptions(config.mediaQueueCapacity(), config.maxQueuedFrames(), config.maxFrameRate(),
                config.rotateAfter().toNanos() / 1_000, config.rotateAfterBytes());
    }

    /** Undeploy or shutdown: every recording still running is finalised before the application goes. */
    @PreDestroy
    void finishAll() {
        List<CompletableFuture<?>> finishing = active.stream().<CompletableFuture<?>>map(RecordingSession::finish).toList();
        try {
            CompletableFuture.allOf(finishing.toArray(CompletableFuture[]::new)).get(FINISH_ON_SHUTDOWN_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.log(Level.WARNING, "Not every recording could be finalised at shutdown", e);
        }
    }

    /** Recordings being written now. */
    public List<RecordingSession> active() {
        return List.copyOf(active);
    }

    /** The streams whose encoder has taken nothing for {@code quiet} while its queue was full. */
    public List<String> stalled(Duration quiet) {
        return active.stream().filter(session -> session.isStalled(quiet)).map(RecordingSession::streamName).toList();
    }

    /** Totals since the application started, for metrics. */
    public RecordingCounts counts() {
        return counts;
    }

    /** Samples waiting for the encoders of all running recordings. */
    public long queuedSamples() {
        return active.stream().mapToLong(RecordingSession::queuedSamples).sum();
    }

    /**
     * Samples dropped because an encoder fell behind, in all recordings since the application
     * started. Never less than an earlier answer: an ending recording leaves the running ones a
     * moment before its drops join the ended ones', and a counter must not seem to go back.
     */
    public long droppedSamples() {
        long now = counts.droppedInEnded() + active.stream().mapToLong(RecordingSession::droppedSamples).sum();
        return droppedReported.accumulateAndGet(now, Math::max);
    }

    /**
     * Reserves a file for {@code validatedStreamName}, {@code metadata} beside it, and starts its encoder
     * thread. Every file the recording finishes is handed to {@code beforeAnnounce}, then announced as
     * {@link RecordingFinished}.
     *
     * @throws DiskFullException when the records directory has less than the configured space free
     * @throws IOException when the records directory cannot take a new file
     */
    public RecordingSession start(String validatedStreamName, String sessionId, RecordingMetadata metadata,
            boolean expectVideo, boolean expectAudio, Consumer<RecordInfo> beforeAnnounce) throws IOException {
        RecordingSession session = new RecordingSession(directory.reserve(validatedStreamName, Instant.now(), sessionId,
                metadata), metadata, directory, finaliser, writers, options, expectVideo, expectAudio, threads, record -> {
                    beforeAnnounce.accept(record);
                    announce(record);
                });
        active.add(session);
        counts.onStart();
        session.completion().whenComplete((files, failure) -> {
            active.remove(session);
            counts.onEnd(session.droppedSamples(), failure == null);
        });
        session.start();
        return session;
    }

    /** The file is finished whatever its observers make of it: one failing (at undeploy, say) must not fail it. */
    private void announce(RecordInfo record) {
        try {
            finished.fire(new RecordingFinished(record));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, e, () -> String.format("Recording %s is finished, but announcing it failed",
                    record.fileName()));
        }
    }
}
