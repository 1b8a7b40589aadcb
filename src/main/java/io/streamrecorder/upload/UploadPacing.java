package io.streamrecorder.upload;

import java.io.InterruptedIOException;
import java.util.function.LongSupplier;

/**
 * Holds one upload to a rate, so uploads leave the uplink to the publishers: after each part it
 * waits until the bytes sent fit the rate, as a link of that rate would have taken them. Time the
 * upload spent idle (waiting for a recording to grow) earns at most one second's worth of credit:
 * a link cannot send later what it did not send while idle.
 */
final class UploadPacing {

    private static final long CREDIT_NANOS = 1_000_000_000L;

    private final long bytesPerSecond;
    private final LongSupplier clock;
    private final Sleeper sleeper;
    private long dueNanos = Long.MIN_VALUE;

    /** {@code bytesPerSecond} of zero or less: no limit. */
    UploadPacing(long bytesPerSecond) {
        this(bytesPerSecond, System::nanoTime, UploadPacing::sleep);
    }

    UploadPacing(long bytesPerSecond, LongSupplier clock, Sleeper sleeper) {
        this.bytesPerSecond = bytesPerSecond;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    void sent(long bytes) throws InterruptedIOException {
        if (bytesPerSecond <= 0) {
            return;
        }
        long now = clock.getAsLong();
        dueNanos = Math.max(dueNanos, now - CREDIT_NANOS) + bytes * 1_000_000_000L / bytesPerSecond;
        if (dueNanos > now) {
            sleeper.sleep(dueNanos - now);
        }
    }

    private static void sleep(long nanos) throws InterruptedIOException {
        try {
            Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("upload interrupted while pacing");
        }
    }

    /** Waits; the tests' one moves their clock instead. */
    @FunctionalInterface
    interface Sleeper {
        void sleep(long nanos) throws InterruptedIOException;
    }
}
