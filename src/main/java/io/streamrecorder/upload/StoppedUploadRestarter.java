package io.streamrecorder.upload;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Restarts this node's uploads that another node stopped. WildFly stops every running job it finds
 * in the job repository when it shuts down, and with a repository shared by several nodes that
 * includes the others' jobs: the running job sees the request at its next checkpoint and ends
 * STOPPED. Its owner restarts it from that checkpoint a moment later, unless the owner is shutting
 * down itself (its own shutdown stops its jobs as well; {@link UploadRecovery} restarts those when
 * it starts again). A stop from the server's own console (HAL's batch view) cannot be told from
 * those and is undone as well: the recorder's console has no Stop; an upload ends for good with
 * Abandon once it has failed.
 */
@ApplicationScoped
public class StoppedUploadRestarter {

    private static final Logger LOG = Logger.getLogger(StoppedUploadRestarter.class.getName());
    /** Longer than WildFly takes from stopping its jobs to undeploying, when the stop was its own. */
    private static final long DELAY_SECONDS = 5;

    @Resource(lookup = "java:comp/DefaultManagedScheduledExecutorService")
    private ManagedScheduledExecutorService timers;

    private volatile boolean shuttingDown;

    void onJobEnded(@Observes UploadJobRun run) {
        if (run.status().equals("STOPPED") && !shuttingDown) {
            timers.schedule(() -> restart(run.executionId()), DELAY_SECONDS, TimeUnit.SECONDS);
        }
    }

    @PreDestroy
    void shutDown() {
        shuttingDown = true;
    }

    private void restart(long execution) {
        if (shuttingDown) {
            return;
        }
        try {
            // It ran in this JVM, so it is this node's.
            long restarted = BatchRuntime.getJobOperator().restart(execution, new Properties());
            LOG.info(() -> String.format("Upload job execution %s was stopped by another node; restarted as %s",
                    execution, restarted));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, e, () -> String.format(
                    "Upload job execution %s was stopped and could not be restarted", execution));
        }
    }
}
