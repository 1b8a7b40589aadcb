package io.streamrecorder.upload;

import java.time.Duration;

/**
 * CDI event: an execution of the upload job started ({@code status} STARTED, no duration yet) or
 * ended (COMPLETED, FAILED or STOPPED, with how long it ran).
 */
public record UploadJobRun(long executionId, String status, Duration duration) {

    static UploadJobRun started(long executionId) {
        return new UploadJobRun(executionId, "STARTED", Duration.ZERO);
    }

    /** The execution starts now; otherwise it has ended with {@code status}. */
    public boolean isStart() {
        return status.equals("STARTED");
    }
}
