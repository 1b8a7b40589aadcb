package io.streamrecorder.upload;

import java.time.Duration;

/**
 * CDI event: an execution of the upload job started ({@code status} STARTED, no duration yet) or
 * ended (COMPLETED, FAILED or STOPPED, with how long it ran).
 */
public record UploadJobRun(long executionId, String status, Duration duration) {
}
