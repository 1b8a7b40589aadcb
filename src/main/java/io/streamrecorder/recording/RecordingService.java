package io.streamrecorder.recording;

import io.streamrecorder.config.RecorderConfig;
import io.streamrecorder.recording.humble.HumbleMediaWriterFactory;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Instant;

/** Starts recordings and announces each finished one with a {@link RecordingFinished} event. */
@ApplicationScoped
public class RecordingService {

    @Resource(lookup = "java:comp/DefaultManagedThreadFactory")
    private ManagedThreadFactory threads;

    private RecorderConfig config;
    private Event<RecordingFinished> finished;
    private RecordsDirectory directory;
    private MediaWriterFactory writers;

    protected RecordingService() {
        // for CDI proxies
    }

    @Inject
    public RecordingService(RecorderConfig config, Event<RecordingFinished> finished) {
        this.config = config;
        this.finished = finished;
        this.directory = new RecordsDirectory(config.recordsDir());
        this.writers = new HumbleMediaWriterFactory(new EncoderSettings(config.encoderPreset(), config.encoderCrf(),
                config.keyframeIntervalFrames(), config.audioBitrate()));
    }

    public RecordsDirectory directory() {
        return directory;
    }

    /**
     * Reserves a file for {@code validatedStreamName} and starts its encoder thread.
     *
     * @throws IOException when the records directory cannot take a new file
     */
    public RecordingSession start(String validatedStreamName, boolean expectVideo, boolean expectAudio)
            throws IOException {
        RecordingSession session = new RecordingSession(validatedStreamName,
                directory.reserve(validatedStreamName, Instant.now()), writers, config.mediaQueueCapacity(),
                expectVideo, expectAudio, threads);
        session.completion().thenAccept(info -> info.ifPresent(record -> finished.fire(new RecordingFinished(record))));
        session.start();
        return session;
    }
}
