package io.streamrecorder.upload;

import jakarta.batch.api.listener.AbstractJobListener;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.Duration;

/** Announces each upload job execution's start and end, with how long it ran, as {@link UploadJobRun}. */
@Dependent
@Named("uploadJobClock")
public class UploadJobClock extends AbstractJobListener {

    @Inject
    JobContext job;

    @Inject
    Event<UploadJobRun> runs;

    // One listener instance serves one job execution from beforeJob to afterJob.
    private long startedNanos;

    @Override
    public void beforeJob() {
        startedNanos = System.nanoTime();
        runs.fire(UploadJobRun.started(job.getExecutionId()));
    }

    @Override
    public void afterJob() {
        runs.fire(new UploadJobRun(job.getExecutionId(), job.getBatchStatus().name(),
                Duration.ofNanos(System.nanoTime() - startedNanos)));
    }
}
