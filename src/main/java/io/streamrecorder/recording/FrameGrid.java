package io.streamrecorder.recording;

import java.util.OptionalLong;

/**
 * Places video frames on a constant-rate grid (30 fps unless configured otherwise). Players and
 * ffmpeg derive a frame clock from the file; frames off that clock can land on one tick and count
 * as errors. On the grid every frame has a slot of its own, and no frame is ever written more than
 * {@link #MAX_LEAD} of a slot away from its own time, so a grid slot never drifts from the clock
 * audio follows. A frame whose slot is taken is dropped (the source runs faster than the grid or
 * sent a burst), unless it comes nearly a whole frame after the one before and only jitter put both
 * in one slot: then it takes the next slot. An empty slot (a gap) holds the previous frame. The
 * grid's phase is the first frame's: a steady source keeps its frames' own times instead of every
 * frame moving by the same fraction of a slot (up to 17 ms of A/V offset at 30 fps).
 */
final class FrameGrid {

    /** Spacing, in slots, from the frame before that marks a frame as the next one, not an extra one. */
    static final double MIN_SPACING = 0.7;
    /** How far ahead of its own time, in slots, a frame may be moved into the next slot. */
    static final double MAX_LEAD = 0.75;

    private final int framesPerSecond;
    private long lastSlot = -1;
    private double lastPosition = Double.NEGATIVE_INFINITY;
    private double phase = Double.NaN;

    FrameGrid(int framesPerSecond) {
        if (framesPerSecond < 1 || framesPerSecond > 120) {
            throw new IllegalArgumentException("Frame rate must be 1-120 fps, not " + framesPerSecond);
        }
        this.framesPerSecond = framesPerSecond;
    }

    /** The frame's time on the grid, or empty when it is to be dropped. */
    OptionalLong place(long micros) {
        double position = micros * framesPerSecond / 1e6;
        if (Double.isNaN(phase)) {
            phase = position - Math.round(position);
        }
        position -= phase;
        double spacing = position - lastPosition;
        lastPosition = position;
        long slot = Math.round(position);
        if (slot <= lastSlot) {
            // A frame nearly a whole slot after the last one that rounded into the same slot is a
            // source at the grid's own rate jittering around a slot boundary: dropping it would
            // leave the next slot empty (measured: 6 % of frames in a busy run). The lead bound
            // stops a source a little faster than the grid from being stretched slot by slot.
            boolean jitter = slot == lastSlot && spacing >= MIN_SPACING && lastSlot + 1 - position <= MAX_LEAD;
            if (!jitter) {
                return OptionalLong.empty();
            }
            slot = lastSlot + 1;
        }
        lastSlot = slot;
        return OptionalLong.of(Math.max(0, Math.round((slot + phase) * 1e6 / framesPerSecond)));
    }
}
