package io.streamrecorder.recording;

import io.streamrecorder.encoder.I420Frame;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Reuses one recording's frame arrays. Each frame is 460 KB at 640x480 and a recording receives 30
 * a second: allocated afresh, they were most of what the young collections collected, and with a
 * heap that G1 shrinks when idle those collections cost noticeable CPU under load
 * (docs/BENCHMARKS.md, "Frames reused and a heap that shrinks when idle"). The network thread takes
 * a frame to copy into; the encoder thread gives it back once it is encoded, so a steady recording
 * cycles through a handful. A frame that is never given back is only collected, like any other
 * object.
 */
final class FramePool {

    private final BlockingQueue<I420Frame> free;

    FramePool(int capacity) {
        free = new ArrayBlockingQueue<>(capacity);
    }

    /** A frame of that size to overwrite: a returned one when there is one, else a new one. */
    I420Frame take(int width, int height) {
        I420Frame frame;
        while ((frame = free.poll()) != null) {
            if (frame.width() == width && frame.height() == height) {
                return frame;
            }
            // The browser changed resolution: frames of the old size are dropped as they come up.
        }
        return I420Frame.blank(width, height);
    }

    /** Gives back a frame nobody reads any more; when the pool is full it is left to the collector. */
    void giveBack(I420Frame frame) {
        free.offer(frame);
    }
}
