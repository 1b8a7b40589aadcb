package io.streamrecorder.upload;

import jakarta.batch.operations.JobOperator;
import jakarta.batch.operations.NoSuchJobException;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Properties;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * When the application starts, restarts the upload jobs a crash left running. The job repository
 * is persistent, so such executions are still marked STARTED; JBeret's default restart mode
 * ("detect") restarts them once it sees they are not running in this JVM, and the restarted job
 * continues from its last checkpoint.
 */
@ApplicationScoped
public class UploadRecovery {

    private static final Logger LOG = Logger.getLogger(UploadRecovery.class.getName());

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object started) {
        JobOperator operator = BatchRuntime.getJobOperator();
        List<Long> interrupted;
        try {
            interrupted = operator.getRunningExecutions(UploadStarter.JOB_NAME);
        } catch (NoSuchJobException none) {
            return;
        }
        for (long execution : interrupted) {
            try {
                long restarted = operator.restart(execution, new Properties());
                LOG.info(() -> "Upload job execution " + execution + " was interrupted; restarted as " + restarted);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Upload job execution " + execution + " was interrupted and could not be restarted", e);
            }
        }
    }
}
