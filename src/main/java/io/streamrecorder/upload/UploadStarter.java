package io.streamrecorder.upload;

import io.streamrecorder.config.RecorderConfig;
import io.streamrecorder.recording.RecordInfo;
import io.streamrecorder.recording.RecordingFinished;
import jakarta.batch.operations.JobOperator;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Properties;
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
            upload(finished.record());
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
        JobOperator operator = BatchRuntime.getJobOperator();
        long execution = operator.start(JOB_NAME, parameters);
        LOG.info(() -> "Upload of " + record.fileName() + " to s3://" + parameters.getProperty("bucket") + "/"
                + parameters.getProperty("key") + " queued as job execution " + execution);
        return execution;
    }
}
