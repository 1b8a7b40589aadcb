package io.streamrecorder.recording;

import java.util.ArrayList;
import java.util.List;

/**
 * When a recording was paused, in capture time ({@link System#nanoTime()}): media captured in a
 * paused span is left out, and what comes after moves back by the paused time, so the file's
 * timeline goes on where it stopped. Cutting by capture time rather than by arrival keeps both tracks
 * cut at the same instant, although video arrives later than audio. Paused and resumed by request
 * threads, read by the encoder thread.
 */
final class PausedSpans {

    /** Each media sample looks through the spans: a publisher toggling for ever must not slow the encoder. */
    static final int MAX_PAUSES = 1000;

    private final List<long[]> spans = new ArrayList<>();
    private final long framePeriodNanos;

    PausedSpans(long framePeriodNanos) {
        this.framePeriodNanos = framePeriodNanos;
    }

    /**
     * Returns false when already paused.
     *
     * @throws IllegalStateException after {@link #MAX_PAUSES} pauses
     */
    synchronized boolean pause(long nowNanos) {
        if (isPaused()) {
            return false;
        }
        if (spans.size() >= MAX_PAUSES) {
            throw new IllegalStateException("A recording can be paused " + MAX_PAUSES + " times; stop and publish again");
        }
        spans.add(new long[] {nowNanos, Long.MAX_VALUE});
        return true;
    }

    /** Returns false when not paused. */
    synchronized boolean resume(long nowNanos) {
        if (!isPaused()) {
            return false;
        }
        spans.get(spans.size() - 1)[1] = Math.max(nowNanos, spans.get(spans.size() - 1)[0]);
        return true;
    }

    synchronized boolean isPaused() {
        return !spans.isEmpty() && spans.get(spans.size() - 1)[1] == Long.MAX_VALUE;
    }

    /** Whether media captured at {@code captureNanos} falls in a pause. */
    synchronized boolean covers(long captureNanos) {
        for (long[] span : spans) {
            if (captureNanos >= span[0] && captureNanos < span[1]) {
                return true;
            }
        }
        return false;
    }

    /** How much of the time between {@code fromNanos} and {@code toNanos} the pauses take out: whole frame periods. */
    synchronized long between(long fromNanos, long toNanos) {
        return overlap(fromNanos, toNanos, framePeriodNanos);
    }

    /** How long the recording was paused between {@code fromNanos} and {@code toNanos}, to the nanosecond. */
    synchronized long lasted(long fromNanos, long toNanos) {
        return overlap(fromNanos, toNanos, 1);
    }

    private long overlap(long fromNanos, long toNanos, long unitNanos) {
        long paused = 0;
        for (long[] span : spans) {
            long start = Math.max(span[0], fromNanos);
            long end = Math.min(span[1], toNanos);
            if (end > start) {
                paused += (end - start) / unitNanos * unitNanos;
            }
        }
        return paused;
    }
}
