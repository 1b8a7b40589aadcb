package io.streamrecorder.recording;

import java.util.OptionalLong;

/**
 * Where the samples of one segment go on its file's timeline: their recorded time since the segment
 * began, the paused time before them left out in whole frame periods ({@link PausedSpans}); video
 * on the frame grid ({@link FrameGrid}); and whether an audio chunk follows a pause, so that the
 * writer fills what the pause left of a frame period with silence, as the grid holds the last
 * frame over it. One encoder thread uses it.
 */
final class SegmentTimeline {

    private final long originNanos;
    private final PausedSpans paused;
    private final FrameGrid grid;
    /** Paused time before the last audio placed: when it grows, the next chunk follows a cut. */
    private long audioPausedNanos;

    SegmentTimeline(long originNanos, PausedSpans paused, int framesPerSecond) {
        this.originNanos = originNanos;
        this.paused = paused;
        this.grid = new FrameGrid(framesPerSecond);
    }

    /** Where the segment began on the capture clock. */
    long originNanos() {
        return originNanos;
    }

    /** Recorded time, in microseconds, from the segment's start to {@code captureNanos}; 0 before it. */
    long micros(long captureNanos) {
        long recorded = captureNanos - originNanos - paused.between(originNanos, captureNanos);
        return Math.max(0, recorded) / 1_000;
    }

    /** The time on the grid for a frame at {@code micros}, or empty when the frame is to be dropped. */
    OptionalLong videoAt(long micros) {
        return grid.place(micros);
    }

    /** Whether paused time lies between the audio placed so far and a chunk captured at {@code captureNanos}. */
    boolean audioFollowsCut(long captureNanos) {
        long pausedNanos = paused.between(originNanos, captureNanos);
        boolean cut = pausedNanos != audioPausedNanos;
        audioPausedNanos = pausedNanos;
        return cut;
    }

    /** How long the stream was paused from the segment's start to {@code endNanos}. */
    long pausedUntil(long endNanos) {
        return paused.lasted(originNanos, endNanos);
    }
}
