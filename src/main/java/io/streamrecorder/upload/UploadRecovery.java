package io.streamrecorder.upload;

import io.streamrecorder.config.RecorderConfig;
import io.streamrecorder.config.UploadConfig;
import io.streamrecorder.records.RecordInfo;
import io.streamrecorder.records.RecordsDirectory;
import jakarta.annotation.Priority;
import jakarta.batch.operations.JobOperator;
import jakarta.batch.operations.NoSuchJobException;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.JobExecution;
import jakarta.batch.runtime.JobInstance;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * When the application starts, restarts this node's upload jobs that did not end: the job
 * repository is persistent, so they are still there, and a restarted job continues from its last
 * checkpoint. A job is interrupted when the latest execution of its instance is
 * <ul>
 * <li>STARTING or STARTED: the server died under it (JBeret's default restart mode, "detect",
 * restarts it once it sees it is not running in this JVM);</li>
 * <li>STOPPED: the server stopped it when it shut down (WildFly stops running jobs then);</li>
 * <li>STOPPING: another node sharing the repository asked it to stop while this node was down
 * (WildFly stops every running job it finds in the repository when it shuts down, other nodes'
 * too).</li>
 * </ul>
 * FAILED jobs gave up for a reason and wait for an operator. Recordings whose upload could not be
 * queued at all last time are queued now. Other nodes' jobs are listed too when the repository is
 * shared; only this node's own are restarted, as only this node has their files.
 */
@ApplicationScoped
public class UploadRecovery {

    private static final Logger LOG = Logger.getLogger(UploadRecovery.class.getName());
    private static final Set<BatchStatus> INTERRUPTED = EnumSet.of(BatchStatus.STARTING, BatchStatus.STARTED,
            BatchStatus.STOPPING, BatchStatus.STOPPED);

    private RecorderConfig config;
    private UploadConfig uploadConfig;
    private RecordsDirectory directory;
    private UploadStarter uploads;

    protected UploadRecovery() {
        // for CDI proxies
    }

    @Inject
    public UploadRecovery(RecorderConfig config, UploadConfig uploadConfig, RecordsDirectory directory, UploadStarter uploads) {
        this.config = config;
        this.uploadConfig = uploadConfig;
        this.directory = directory;
        this.uploads = uploads;
    }

    /**
     * Runs before the other start-up observers: crash recovery of recordings queues new uploads,
     * which must not be taken for interrupted ones.
     */
    void onStart(@Observes @Priority(Interceptor.Priority.LIBRARY_BEFORE) @Initialized(ApplicationScoped.class)
            Object started) {
        JobOperator operator = BatchRuntime.getJobOperator();
        String node = config.nodeName();
        for (JobExecution execution : interrupted(operator)) {
            long id = execution.getExecutionId();
            Properties parameters = execution.getJobParameters();
            if (!JobOwner.isOwnedBy(parameters, node)) {
                LOG.info(() -> String.format("Upload job execution %s belongs to node %s; left to it", id,
                        JobOwner.of(parameters).orElseThrow()));
                continue;
            }
            // Read first: restarting an unfinished execution marks it FAILED.
            BatchStatus was = execution.getBatchStatus();
            try {
                long restarted = operator.restart(id, new Properties());
                LOG.info(() -> String.format("Upload job execution %s was interrupted; restarted as %s (it was %s)", id,
                        restarted, was));
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, e, () -> String.format(
                        "Upload job execution %s was interrupted and could not be restarted", id));
            }
        }
        if (uploadConfig.uploadEnabled()) {
            queuePending();
        }
    }

    /** Queues the uploads the last run could not (see {@link PendingUploads}). */
    private void queuePending() {
        try {
            for (Path file : PendingUploads.in(directory)) {
                String fileName = file.getFileName().toString();
                String streamName = directory.streamNameOf(fileName).orElse(fileName);
                try {
                    uploads.upload(new RecordInfo(streamName, file, 0, Files.size(file)));
                } catch (RuntimeException e) {
                    // Stays marked for the next start; the deployment must not fail over it.
                    LOG.log(Level.WARNING, e,
                            () -> String.format("The pending upload of %s could not be queued", fileName));
                }
            }
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Cannot queue the uploads the last run left pending", e);
        }
    }

    /** The latest execution of every upload job that did not end, whichever node ran it. */
    private static List<JobExecution> interrupted(JobOperator operator) {
        List<JobExecution> interrupted = new ArrayList<>();
        try {
            int count = operator.getJobInstanceCount(UploadStarter.JOB_NAME);
            if (count == 0) {
                return interrupted;
            }
            for (JobInstance instance : operator.getJobInstances(UploadStarter.JOB_NAME, 0, count)) {
                operator.getJobExecutions(instance).stream()
                        .max(Comparator.comparingLong(JobExecution::getExecutionId))
                        .filter(latest -> INTERRUPTED.contains(latest.getBatchStatus()))
                        .ifPresent(interrupted::add);
            }
        } catch (NoSuchJobException none) {
            // No upload has ever been queued.
        }
        return interrupted;
    }
}
