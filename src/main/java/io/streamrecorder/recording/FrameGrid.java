package io.streamrecorder.recording;

import java.util.OptionalLong;

/**
 * Places video frames on a constant-rate grid (30 fps unless configured otherwise). Players and
 * ffmpeg derive a frame clock from the file; frames off that clock can land on one tick and count
 * as errors. On the grid every frame has a slot of its own: a frame whose slot is taken (the source
 * runs faster than the grid) is dropped, unless it comes a whole frame after the one before and
 * only jitter put both in one slot, when it takes the next; an empty slot (a gap) holds the
 * previous frame.
 */
final class FrameGrid {

    /** Spacing, in slots, from the frame before that marks a frame as the next one, not an extra one. */
    static final double MIN_SPACING = 0.7;

    private final int framesPerSecond;
    private long lastSlot = -1;
    private double lastPosition = Double.NEGATIVE_INFINITY;

    FrameGrid(int framesPerSecond) {
        if (framesPerSecond < 1 || framesPerSecond > 120) {
            throw new IllegalArgumentException("Frame rate must be 1 to 120 fps, was " + framesPerSecond);
        }
        this.framesPerSecond = framesPerSecond;
    }

    /** The frame's time on the grid, or empty when it is to be dropped. */
    OptionalLong place(long micros) {
        double position = micros * framesPerSecond / 1e6;
        double spacing = position - lastPosition;
        lastPosition = position;
        long slot = Math.round(position);
        if (slot <= lastSlot) {
            if (slot < lastSlot || spacing < MIN_SPACING) {
                return OptionalLong.empty();
            }
            // Nearly a whole slot after the last frame, which rounded up into this slot: a source at
            // the grid's own rate whose times jitter around a slot boundary, not a faster source.
            // Dropping it would leave the next slot empty (measured: 6 % of frames in a busy run).
            slot = lastSlot + 1;
        }
        lastSlot = slot;
        return OptionalLong.of(Math.round(slot * 1e6 / framesPerSecond));
    }
}
