package io.streamrecorder.upload;

import io.streamrecorder.config.RecorderConfig;
import io.streamrecorder.config.UploadConfig;
import io.streamrecorder.config.UploadMode;
import io.streamrecorder.records.PartialForwarding;
import io.streamrecorder.records.RecordInfo;
import io.streamrecorder.records.RecordingFinished;
import io.streamrecorder.records.RecordingReserved;
import io.streamrecorder.records.RecordsDirectory;
import jakarta.batch.operations.JobOperator;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Starts the {@code upload-recording} batch job for every recording: while it is written, or once it is finished. */
@ApplicationScoped
public class UploadStarter {

    public static final String JOB_NAME = "upload-recording";
    private static final Logger LOG = Logger.getLogger(UploadStarter.class.getName());

    private RecorderConfig config;
    private UploadConfig uploads;
    private RecordsDirectory directory;

    protected UploadStarter() {
        // for CDI proxies
    }

    @Inject
    public UploadStarter(RecorderConfig config, UploadConfig uploads, RecordsDirectory directory) {
        this.config = config;
        this.uploads = uploads;
        this.directory = directory;
    }

    /** Recordings an upload followed while they were written are finished by that upload. */
    void onRecordingFinished(@Observes RecordingFinished finished) {
        if (uploads.uploadEnabled() && !finished.record().followed()) {
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

    /**
     * With {@code upload.mode=while-recording}, follows each recording from the moment its file is
     * reserved (each segment's, when it rotates). A recording whose name is not known yet (the
     * template names its end), or whose upload cannot start now, is uploaded once finished instead.
     */
    void onRecordingReserved(@Observes RecordingReserved reserved) {
        if (!uploads.uploadEnabled() || uploads.uploadMode() != UploadMode.WHILE_RECORDING) {
            return;
        }
        RecordsDirectory.RecordingFile file = reserved.file();
        Optional<String> fileName = directory.finalNameFromStart(file);
        if (fileName.isEmpty()) {
            return;
        }
        try {
            PartialForwarding.follow(file.partial());
            Properties parameters = parameters(file.partial(), file.streamName(), fileName.get());
            parameters.setProperty(UploadModeStep.PARAMETER, UploadModeStep.LIVE);
            parameters.setProperty("fileName", fileName.get());
            long execution = BatchRuntime.getJobOperator().start(JOB_NAME, parameters);
            LOG.info(() -> String.format("Upload of %s to s3://%s/%s follows it while it is recorded, job execution %s",
                    file.partialName(), parameters.getProperty("bucket"), parameters.getProperty("key"), execution));
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, e, () -> String.format("Cannot upload %s while it is recorded; it is uploaded once"
                    + " finished", file.partialName()));
            try {
                PartialForwarding.forget(file.partial());
            } catch (IOException ignored) {
                // Then the follower's mark stays, and the finished file is taken for followed: the log says so above.
            }
        }
    }

    /** Queues an upload job for a recording; returns the job execution id. */
    public long upload(RecordInfo record) {
        Properties parameters = parameters(record.file(), record.streamName(), record.fileName());
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

    private Properties parameters(Path file, String streamName, String fileName) {
        Properties parameters = new Properties();
        parameters.setProperty("file", file.toAbsolutePath().toString());
        parameters.setProperty("streamName", streamName);
        parameters.setProperty("bucket", uploads.s3Bucket());
        parameters.setProperty("key", new ObjectKeyTemplate(uploads.uploadKeyTemplate()).keyFor(streamName, fileName));
        // Fixed per job, so a restart cuts the file exactly as the interrupted run did.
        parameters.setProperty("partSize", Long.toString(uploads.uploadPartSize()));
        parameters.setProperty(JobOwner.PARAMETER, config.nodeName());
        return parameters;
    }
}
