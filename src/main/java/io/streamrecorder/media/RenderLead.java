package io.streamrecorder.media;

/**
 * How far ahead of their hand-over webrtc's render times are (its render delay), averaged. The
 * lead is steady (docs/BENCHMARKS.md, "Recording fidelity: A/V sync, duration, frame rate"), but
 * each hand-over jitters: the average is over ~50 frames. It is taken over the frames that are
 * recorded, and starts as a plain mean: the first frames, a key frame and the burst after it, are
 * decoded late, their leads 5-20 ms short, and in the average they put the frames of the first
 * seconds late, off the phase the frame grid takes from the first recorded frame. One decoder
 * thread calls it.
 */
final class RenderLead {

    private static final double WEIGHT = 0.02;

    private double averageNanos;
    private long frames;

    /** Takes in a recorded frame's lead; returns the average so far. */
    long add(long leadNanos) {
        frames++;
        averageNanos += (leadNanos - averageNanos) * Math.max(1.0 / frames, WEIGHT);
        return Math.round(averageNanos);
    }
}
