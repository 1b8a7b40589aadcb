package io.streamrecorder.upload;

import java.io.InterruptedIOException;

/**
 * Holds one upload to a rate, so uploads leave the uplink to the publishers: after each part it
 * waits until the bytes sent so far fit the rate since the upload (this run of it) began.
 */
final class UploadPacing {

    private final long bytesPerSecond;
    private final long startNanos = System.nanoTime();
    private long sent;

    /** {@code bytesPerSecond} of zero or less: no limit. */
    UploadPacing(long bytesPerSecond) {
        this.bytesPerSecond = bytesPerSecond;
    }

    void sent(long bytes) throws InterruptedIOException {
        if (bytesPerSecond <= 0) {
            return;
        }
        sent += bytes;
        long dueNanos = startNanos + sent * 1_000_000_000L / bytesPerSecond;
        long waitNanos = dueNanos - System.nanoTime();
        if (waitNanos > 0) {
            try {
                Thread.sleep(waitNanos / 1_000_000, (int) (waitNanos % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("upload interrupted while pacing");
            }
        }
    }
}
