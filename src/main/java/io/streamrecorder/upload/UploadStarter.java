package io.streamrecorder.upload;

import io.streamrecorder.config.RecorderConfig;
import io.streamrecorder.records.RecordInfo;
import io.streamrecorder.records.RecordingFinished;
import jakarta.batch.operations.JobOperator;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.Properties;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Starts the {@code upload-recording} batch job for every finished recording. */
@ApplicationScoped
public class UploadStarter {

    public static final String JOB_NAME = "upload-recording";
    private static final Logger LOG = Logger.getLogger(UploadStarter.class.getName());

    private RecorderConfig config;

    protected UploadStarter() {
        // for CDI proxies
    }

    @Inject
    public UploadStarter(RecorderConfig config) {
        this.config = config;
    }

    void onRecordingFinished(@Observes RecordingFinished finished) {
        if (config.uploadEnabled()) {
            RecordInfo record = finished.record();
            try {
                upload(record);
            } catch (RuntimeException e) {
                keepForLater(record, e);
            }
        }
    }

    /**
     * The batch runtime refused (it stops before the last recordings are finalised at shutdown): the
     * next start queues it.
     */
    private static void keepForLater(RecordInfo record, RuntimeException refusal) {
        try {
            PendingUploads.mark(record.file());
            LOG.warning(() -> String.format(
                    "Upload of %s could not be queued now (%s); it will be queued when the application next starts",
                    record.fileName(), refusal.getMessage()));
        } catch (IOException e) {
            LOG.log(Level.SEVERE, e, () -> String.format(
                    "Upload of %s could not be queued, nor marked for later: queue it from the console",
                    record.fileName()));
        }
    }

    /** Queues an upload job for a recording; returns the job execution id. */
    public long upload(RecordInfo record) {
        Properties parameters = new Properties();
        parameters.setProperty("file", record.file().toAbsolutePath().toString());
        parameters.setProperty("streamName", record.streamName());
        parameters.setProperty("bucket", config.s3Bucket());
        parameters.setProperty("key", new ObjectKeyTemplate(config.uploadKeyTemplate())
                .keyFor(record.streamName(), record.fileName()));
        // Fixed per job, so a restart cuts the file exactly as the interrupted run did.
        parameters.setProperty("partSize", Long.toString(config.uploadPartSize()));
        parameters.setProperty(JobOwner.PARAMETER, config.nodeName());
        JobOperator operator = BatchRuntime.getJobOperator();
        long execution = operator.start(JOB_NAME, parameters);
        try {
            PendingUploads.clear(record.file());
        } catch (IOException e) {
            LOG.log(Level.WARNING, e, () -> String.format("Upload of %s is queued, but its pending marker stays",
                    record.fileName()));
        }
        LOG.info(() -> String.format("Upload of %s to s3://%s/%s queued as job execution %s", record.fileName(),
                parameters.getProperty("bucket"), parameters.getProperty("key"), execution));
        return execution;
    }
}
