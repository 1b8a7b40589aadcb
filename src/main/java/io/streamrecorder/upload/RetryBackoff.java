package io.streamrecorder.upload;

import jakarta.batch.api.chunk.listener.ItemWriteListener;
import jakarta.batch.api.chunk.listener.RetryWriteListener;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Named;
import java.util.List;
import java.util.logging.Logger;

/**
 * Waits before each retry of a failed part, doubling from 1 s up to 30 s, so an S3 outage is ridden
 * out instead of hammered. A part that goes up resets the wait.
 */
// Batch artifacts are CDI beans: the runtime finds them by name, scoped to their step or job.
@Dependent
@Named("retryBackoff")
public class RetryBackoff implements RetryWriteListener, ItemWriteListener {

    private static final Logger LOG = Logger.getLogger(RetryBackoff.class.getName());
    static final long FIRST_WAIT_MILLIS = 1_000;
    static final long MAX_WAIT_MILLIS = 30_000;

    private long nextWait = FIRST_WAIT_MILLIS;

    @Override
    public void onRetryWriteException(List<Object> items, Exception failure) throws Exception {
        long wait = nextWait;
        nextWait = Math.min(MAX_WAIT_MILLIS, nextWait * 2);
        LOG.info(() -> String.format("%s; retrying in %s ms", failure.getMessage(), wait));
        Thread.sleep(wait);
    }

    @Override
    public void afterWrite(List<Object> items) {
        nextWait = FIRST_WAIT_MILLIS;
    }

    @Override
    public void beforeWrite(List<Object> items) {
    }

    @Override
    public void onWriteError(List<Object> items, Exception failure) {
    }
}
