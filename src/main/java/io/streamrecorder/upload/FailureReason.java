package io.streamrecorder.upload;

import io.streamrecorder.records.MetadataSidecar;
import io.streamrecorder.records.RecordingMetadata;
import jakarta.batch.api.listener.AbstractStepListener;
import jakarta.batch.runtime.context.JobContext;
import jakarta.batch.runtime.context.StepContext;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.event.Event;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Properties;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * Puts the reason an upload failed into the job's exit status, where consoles show it, and tells
 * the page.
 */
@Dependent
@Named("failureReason")
public class FailureReason extends AbstractStepListener {

    /**
     * The job repositories' exit status column holds 512 characters (JBeret's and Payara's DDL); a
     * longer status fails the update and leaves the execution STARTED for ever. ASCII only, for
     * databases that count bytes.
     */
    static final int MAX_EXIT_STATUS = 512;

    @Inject
    StepContext step;

    @Inject
    JobContext job;

    @Inject
    Event<UploadProgress> progress;

    @Override
    public void afterStep() {
        Exception failure = step.getException();
        if (failure != null) {
            String reason = exitStatus(failure.getMessage());
            step.setExitStatus(reason);
            job.setExitStatus(reason);
            Properties parameters = BatchRuntime.getJobOperator().getParameters(job.getExecutionId());
            Path file = Path.of(parameters.getProperty("file"));
            progress.fire(UploadProgress.failed(parameters.getProperty("streamName"), file.getFileName().toString(),
                    parameters.getProperty("bucket"), parameters.getProperty("key"), failure.getMessage(), metadataOf(file)));
        }
    }

    /** What the failure report can say of the recording: its metadata unreadable may be why it failed. */
    private static RecordingMetadata metadataOf(Path file) {
        try {
            return MetadataSidecar.read(file);
        } catch (IOException unreadable) {
            return RecordingMetadata.NONE;
        }
    }

    /** The status consoles show, cut to what the repository stores; the page and webhook get the whole reason. */
    static String exitStatus(String reason) {
        String status = "FAILED: " + reason;
        return status.length() <= MAX_EXIT_STATUS ? status : status.substring(0, MAX_EXIT_STATUS - 3) + "...";
    }
}
