package io.streamrecorder.recording;

import java.util.OptionalLong;

/**
 * Places video frames on a constant-rate grid (30 fps unless configured otherwise). Players and
 * ffmpeg derive a frame clock from the file; frames off that clock can land on one tick and count
 * as errors. On the grid every frame has a slot of its own: a frame whose slot is taken (the source
 * runs faster than the grid) is dropped, an empty slot (a gap) holds the previous frame.
 */
final class FrameGrid {

    private final int framesPerSecond;
    private long lastSlot = -1;

    FrameGrid(int framesPerSecond) {
        if (framesPerSecond < 1 || framesPerSecond > 120) {
            throw new IllegalArgumentException("Frame rate must be 1 to 120 fps, was " + framesPerSecond);
        }
        this.framesPerSecond = framesPerSecond;
    }

    /** The frame's time on the grid, or empty when it is to be dropped. */
    OptionalLong place(long micros) {
        long slot = Math.round(micros * framesPerSecond / 1e6);
        if (slot <= lastSlot) {
            return OptionalLong.empty();
        }
        lastSlot = slot;
        return OptionalLong.of(Math.round(slot * 1e6 / framesPerSecond));
    }
}
