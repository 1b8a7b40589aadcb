package io.streamrecorder.recording;

/**
 * Takes the jitter out of video frame times. Decoded WebRTC frames carry render times with
 * millisecond resolution and a few milliseconds of jitter; written as they are, two frames can land
 * on one tick of a player's frame clock. Each output time is the previous one plus the estimated
 * frame interval, pulled a tenth of the way towards the measured time, so the output keeps the
 * measured clock on average (A/V sync) with steady spacing. A jump far outside the jitter (dropped
 * frames, a frame-rate change) resynchronises to the measured time.
 */
final class VideoTimestampSmoother {

    private static final long INITIAL_INTERVAL_MICROS = 33_333;
    private static final long MIN_INTERVAL_MICROS = 5_000;
    private static final double CORRECTION = 0.1;
    private static final double INTERVAL_WEIGHT = 0.05;

    private long lastMeasured = -1;
    private double lastSmoothed;
    private double interval = INITIAL_INTERVAL_MICROS;

    long smooth(long measuredMicros) {
        if (lastMeasured < 0) {
            lastMeasured = measuredMicros;
            lastSmoothed = measuredMicros;
            return measuredMicros;
        }
        long delta = measuredMicros - lastMeasured;
        lastMeasured = measuredMicros;
        double predicted = lastSmoothed + interval;
        double error = measuredMicros - predicted;
        double smoothed;
        if (Math.abs(error) > interval / 2) {
            smoothed = measuredMicros;
        } else {
            smoothed = predicted + error * CORRECTION;
            interval += (delta - interval) * INTERVAL_WEIGHT;
        }
        smoothed = Math.max(smoothed, lastSmoothed + MIN_INTERVAL_MICROS);
        lastSmoothed = smoothed;
        return Math.round(smoothed);
    }
}
