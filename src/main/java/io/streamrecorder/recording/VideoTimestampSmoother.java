package io.streamrecorder.recording;

/**
 * Takes the jitter out of video frame times. Decoded WebRTC frames carry render times with
 * millisecond resolution and a few milliseconds of jitter; written as they are, two frames can land
 * on one tick of a player's frame clock. Each output time is the previous one plus the estimated
 * frame interval, pulled a tenth of the way towards the measured time, so the output keeps the
 * measured clock on average (A/V sync) with steady spacing: consecutive frames are never closer
 * than about 95 % of the frame interval. A frame far later than expected (dropped frames)
 * resynchronises to the measured time.
 */
final class VideoTimestampSmoother {

    private static final long INITIAL_INTERVAL_MICROS = 33_333;
    private static final long MIN_INTERVAL_MICROS = 5_000;
    private static final double CORRECTION = 0.1;
    private static final double INTERVAL_WEIGHT = 0.05;
    /** An early frame shortens the spacing by at most this share of an interval. */
    private static final double MAX_PULL_BACK = 0.03;

    private boolean started;
    private long lastMeasured;
    private double lastSmoothed;
    private double interval = INITIAL_INTERVAL_MICROS;

    long smooth(long measuredMicros) {
        if (!started) {
            started = true;
            lastMeasured = measuredMicros;
            lastSmoothed = measuredMicros;
            return measuredMicros;
        }
        long delta = measuredMicros - lastMeasured;
        lastMeasured = measuredMicros;
        double predicted = lastSmoothed + interval;
        double error = measuredMicros - predicted;
        // A frame late by more than half an interval follows a gap: jump to it. An early one is a
        // burst (the jitter buffer settling, a decoder catching up): close in slowly, never bunching.
        double smoothed = error > interval / 2 ? measuredMicros
                : predicted + CORRECTION * Math.max(error, -MAX_PULL_BACK * interval / CORRECTION);
        // Learn the frame rate from ordinary spacings only: gaps, bursts and clock steps say nothing about it.
        if (delta >= interval / 2 && delta <= 2 * interval) {
            interval += (delta - interval) * INTERVAL_WEIGHT;
        }
        smoothed = Math.max(smoothed, lastSmoothed + MIN_INTERVAL_MICROS);
        lastSmoothed = smoothed;
        return Math.round(smoothed);
    }
}
