package io.streamrecorder.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.streamrecorder.publishing.StreamRegistry;
import io.streamrecorder.recording.RecordingService;
import io.streamrecorder.records.RecordingFinished;
import io.streamrecorder.upload.UploadJobRun;
import io.streamrecorder.upload.UploadProgress;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * The recorder's meters in the server's registry (WildFly's micrometer subsystem, which exports
 * them in Prometheus format at the management interface's {@code /metrics}). Gauges and function
 * counters read the live beans at scrape time; the rest count the events as they pass.
 */
@ApplicationScoped
public class RecorderMetrics {

    private static final String PREFIX = "streamrecorder.";

    private MeterRegistry registry;
    // Micrometer holds what gauges read only weakly: these fields keep the beans reachable.
    private StreamRegistry streams;
    private RecordingService recordings;
    private Counter recordingBytes;
    private Counter uploadsSucceeded;
    private Counter uploadsFailed;
    private Counter uploadBytes;

    protected RecorderMetrics() {
        // for CDI proxies
    }

    @Inject
    public RecorderMetrics(MeterRegistry registry, StreamRegistry streams, RecordingService recordings) {
        this.registry = registry;
        this.streams = streams;
        this.recordings = recordings;
    }

    /**
     * Created at start-up, so that the gauges are there before anything happens (delivering the event
     * created this bean: register() has run). So are the beans they read: gauges are read on the
     * management interface's threads, where the application's java:comp is not bound, and a bean
     * first created there cannot have its executors injected (a scrape before the first request read
     * NaN for the streams).
     */
    void start(@Observes @Initialized(ApplicationScoped.class) Object started) {
        streams.live();
        recordings.active();
    }

    // Not in the start-up observer: other start-up observers (recovery) may fire events at this
    // bean first, and those create it, running this, before delivering them.
    @PostConstruct
    void register() {
        // WildFly's application registry forwards only meters made through its own methods
        // (registry.counter/gauge/timer, registry.more()...), not builder-registered ones.
        registry.gauge("streamrecorder.streams.active", Tags.empty(), streams, s -> s.live().size());
        registry.gauge("streamrecorder.recordings.active", Tags.empty(), recordings, r -> r.active().size());
        registry.more().counter("streamrecorder.recordings.started", Tags.empty(), recordings, r -> r.counts().started());
        registry.more().counter("streamrecorder.recordings.succeeded", Tags.empty(), recordings, r -> r.counts().succeeded());
        registry.more().counter("streamrecorder.recordings.failed", Tags.empty(), recordings, r -> r.counts().failed());
        registry.gauge("streamrecorder.encoder.queue.samples", Tags.empty(), recordings, RecordingService::queuedSamples);
        registry.more().counter("streamrecorder.encoder.dropped.samples", Tags.empty(), recordings, RecordingService::droppedSamples);
        recordingBytes = registry.counter("streamrecorder.recordings.written.bytes");
        uploadsSucceeded = registry.counter("streamrecorder.uploads.succeeded");
        uploadsFailed = registry.counter("streamrecorder.uploads.failed");
        uploadBytes = registry.counter("streamrecorder.uploads.bytes");
    }

    /**
     * Gauges read their beans through weak references, and a redeployment asking for a gauge of the
     * same name gets the old one back: removed with the application, or they read NaN after a redeploy.
     */
    @PreDestroy
    void unregister() {
        registry.getMeters().stream().filter(meter -> meter.getId().getName().startsWith(PREFIX)).toList()
                .forEach(registry::remove);
    }

    void onRecording(@Observes RecordingFinished finished) {
        recordingBytes.increment(finished.record().sizeBytes());
    }

    void onUpload(@Observes UploadProgress progress) {
        if (progress.state() == UploadProgress.State.UPLOADED) {
            uploadsSucceeded.increment();
            uploadBytes.increment(progress.sizeBytes());
        } else if (progress.state() == UploadProgress.State.UPLOAD_FAILED) {
            uploadsFailed.increment();
        }
    }

    void onUploadJob(@Observes UploadJobRun run) {
        if (run.isStart()) {
            registry.counter("streamrecorder.upload.jobs.started").increment();
        } else {
            registry.timer("streamrecorder.upload.jobs", Tags.of("status", run.status())).record(run.duration());
        }
    }
}
