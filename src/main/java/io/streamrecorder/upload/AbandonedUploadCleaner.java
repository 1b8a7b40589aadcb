package io.streamrecorder.upload;

import io.streamrecorder.config.UploadConfig;
import jakarta.batch.api.listener.AbstractJobListener;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.context.JobContext;
import jakarta.inject.Inject;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Named;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * When an upload job gives up, aborts its multipart upload so no orphan parts stay billed, unless
 * the configuration keeps them for a later restart. An abort that finds S3 unreachable is tried again.
 */
// Batch artifacts are CDI beans: the runtime finds them by name, scoped to their step or job.
@Dependent
@Named("abandonedUploadCleaner")
public class AbandonedUploadCleaner extends AbstractJobListener {

    private static final Logger LOG = Logger.getLogger(AbandonedUploadCleaner.class.getName());
    /** Waits of 1, 2, 4 and 8 s between them (the job's own retries start at the same wait): S3 gets 15 s to come back. */
    private static final int ATTEMPTS = 5;

    @Inject
    JobContext job;

    @Inject
    S3Clients s3;

    @Inject
    UploadConfig config;

    @Override
    public void afterJob() {
        if (job.getBatchStatus() != BatchStatus.FAILED || !(job.getTransientUserData() instanceof UploadTarget target)
                || target.uploadId() == null) {
            return;
        }
        if (config.keepFailedMultipartUploads()) {
            LOG.info(() -> String.format("Upload job %s failed; keeping multipart upload %s of %s for a restart",
                    job.getExecutionId(), target.uploadId(), target.key()));
            return;
        }
        long waitMillis = RetryBackoff.FIRST_WAIT_MILLIS;
        for (int attempt = 1; ; attempt++) {
            try {
                s3.client().abortMultipartUpload(r -> r.bucket(target.bucket()).key(target.key()).uploadId(target.uploadId()));
                LOG.info(() -> String.format("Upload job %s failed; aborted multipart upload of %s",
                        job.getExecutionId(), target.key()));
                return;
            } catch (RuntimeException e) {
                // The job often gives up because S3 was away: it may be back in a moment.
                boolean transientFailure = UploadFailures.classify("Aborting", e) instanceof TransientUploadException;
                if (!transientFailure || attempt == ATTEMPTS || !pause(waitMillis)) {
                    LOG.log(Level.WARNING, e, () -> String.format(
                            "Upload job %s failed and its multipart upload %s could not be aborted; S3 may keep its parts",
                            job.getExecutionId(), target.uploadId()));
                    return;
                }
                waitMillis *= 2;
            }
        }
    }

    private static boolean pause(long millis) {
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
