package io.streamrecorder.upload;

import io.streamrecorder.config.RecorderConfig;
import io.streamrecorder.config.UploadConfig;
import io.streamrecorder.records.RecordsDirectory;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Deletes local recordings the operator no longer wants on disk: right after their upload is
 * verified ({@code delete-after-upload}), or once older than {@code max-age-hours}. With uploading
 * on, a recording is only ever deleted once its upload is verified, so retention never loses one.
 * The {@code .upload.json} record stays behind: it says where the recording went.
 */
@ApplicationScoped
public class LocalRetention {

    private static final Logger LOG = Logger.getLogger(LocalRetention.class.getName());
    private static final long SWEEP_MINUTES = 10;

    @Resource(lookup = "java:comp/DefaultManagedScheduledExecutorService")
    private ManagedScheduledExecutorService timers;

    private RecorderConfig config;
    private UploadConfig uploads;
    private RecordsDirectory directory;
    private ScheduledFuture<?> sweeps;

    protected LocalRetention() {
        // for CDI proxies
    }

    @Inject
    public LocalRetention(RecorderConfig config, UploadConfig uploads, RecordsDirectory directory) {
        this.config = config;
        this.uploads = uploads;
        this.directory = directory;
    }

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object started) {
        if (!config.maxAge().isZero()) {
            sweeps = timers.scheduleWithFixedDelay(this::deleteExpired, 0, SWEEP_MINUTES, TimeUnit.MINUTES);
        }
    }

    @PreDestroy
    void stop() {
        if (sweeps != null) {
            sweeps.cancel(false);
        }
    }

    void onUploaded(@Observes UploadProgress progress) {
        if (config.deleteAfterUpload() && progress.state() == UploadProgress.State.UPLOADED) {
            directory.finishedRecording(progress.fileName())
                    .ifPresent(file -> delete(file, "its upload to s3://" + progress.bucket() + "/" + progress.key() + " is verified"));
        }
    }

    private void deleteExpired() {
        Instant cutoff = Instant.now().minus(config.maxAge());
        try {
            for (Path file : directory.finishedRecordings()) {
                if (expired(file, cutoff, uploads.uploadEnabled())) {
                    delete(file, "it is older than " + config.maxAge().toHours() + " h");
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "Cannot sweep old recordings", e);
        }
    }

    /** Older than the cutoff and, when uploads are on, safely in the bucket. */
    static boolean expired(Path recording, Instant cutoff, boolean uploadEnabled) throws IOException {
        boolean safe = !uploadEnabled || Files.exists(UploadResults.resultOf(recording));
        return safe && Files.getLastModifiedTime(recording).toInstant().isBefore(cutoff);
    }

    private void delete(Path recording, String because) {
        try {
            Files.deleteIfExists(RecordsDirectory.posterOf(recording));
            Files.delete(recording);
            LOG.info(() -> String.format("Deleted local recording %s: %s", recording.getFileName(), because));
        } catch (IOException e) {
            LOG.log(Level.WARNING, e, () -> String.format("Cannot delete %s", recording.getFileName()));
        }
    }
}
