package io.streamrecorder.recording;

import java.util.OptionalLong;

/**
 * Places video frames on a constant-rate grid (30 fps unless configured otherwise). Players and
 * ffmpeg derive a frame clock from the file; frames off that clock can land on one tick and count
 * as errors. On the grid every frame has a slot of its own, and no frame is ever written more than
 * {@link #MAX_LEAD} of a slot away from its own time, so a grid slot never drifts from the clock
 * audio follows. A frame whose slot is taken is dropped (the source runs faster than the grid or
 * sent a burst), unless it comes nearly a whole frame after the one before and only jitter put both
 * in one slot: then it takes the next slot. An empty slot (a gap) holds the previous frame.
 * <p>
 * The grid's phase is the source's, so that a steady source keeps its frames' own times instead of
 * every frame moving by the same fraction of a slot (up to 17 ms of A/V offset at 30 fps). It starts
 * at the first frame's, which is a poor guide: the first frames come in a burst after the key frame,
 * and their times lean on the first reports' delays and the first render leads, off the later
 * frames' phase by an amount that varies; past half a slot the grid then put every frame early
 * instead of late, a whole slot from where the other recordings had it (SyncClipIT; figures in
 * docs/BENCHMARKS.md, "Recording fidelity: A/V sync, duration, frame rate"). Once the frames of
 * seconds 1-4 have come a slot apart, the grid moves to their mean phase. After that it moves only
 * when a second's frames sit a quarter of a slot or more off it, as they do after the source stepped:
 * a phase that kept moving would space frames unevenly, and a constant-rate copy of the file (a
 * player's or ffmpeg's) would then put two frames on one tick. A grid left a quarter of a slot or
 * more off its source is unstable, too: one frame that jitters into the next slot takes it, every
 * frame after it follows into its next slot as jitter, and the video stays a whole slot from where it
 * was (docs/BENCHMARKS.md, "A frame's worth at a resume").
 */
final class FrameGrid {

    /** Spacing, in slots, from the frame before that marks a frame as the next one, not an extra one. */
    static final double MIN_SPACING = 0.7;
    /** How far ahead of its own time, in slots, a frame may be moved into the next slot. */
    static final double MAX_LEAD = 0.75;
    /**
     * Frames, a slot apart, left out of the phase: the first second's times still lean on the first
     * reports and render leads.
     */
    static final int SKIP_FRAMES = 30;
    /** Frames after those whose mean phase the grid settles on (seconds 1-4 at 30 fps). */
    static final int SETTLE_FRAMES = 90;
    /** Frames, a slot apart, whose mean phase the settled grid checks itself against (a second at 30 fps). */
    static final int FOLLOW_FRAMES = 30;
    /**
     * How far off, in slots, those frames' mean phase moves the settled grid: from there on a frame
     * that jitters into the next slot leaves every frame after it within {@link #MAX_LEAD} of its
     * next slot, so each takes that slot as jitter.
     */
    static final double FOLLOW_OFFSET = 1 - MAX_LEAD;
    /**
     * How closely those frames must agree (the length of their mean phase vector, 0-1): a source at
     * another rate turns through every phase, and no phase is its own.
     */
    static final double SETTLE_AGREEMENT = 0.5;

    private final int framesPerSecond;
    private long lastSlot = -1;
    private double lastPosition = Double.NEGATIVE_INFINITY;
    private double phase = Double.NaN;
    private int skipped;
    private boolean settled;
    private int windowCount;
    private double windowCos;
    private double windowSin;

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
        if (Math.abs(spacing - 1) <= 1 - MIN_SPACING) {
            position -= follow(position - Math.round(position));
        }
        lastPosition = position;
        long slot = Math.round(position);
        if (slot <= lastSlot) {
            // A frame nearly a whole slot after the last one that rounded into the same slot is a
            // source at the grid's own rate jittering around a slot boundary: dropping it would
            // leave the next slot empty, and on a busy machine such frames are common
            // (docs/BENCHMARKS.md, "Recording fidelity: A/V sync, duration, frame rate"). The lead
            // bound stops a source a little faster than the grid from being stretched slot by slot.
            boolean jitter = slot == lastSlot && spacing >= MIN_SPACING && lastSlot + 1 - position <= MAX_LEAD;
            if (!jitter) {
                return OptionalLong.empty();
            }
            slot = lastSlot + 1;
        }
        lastSlot = slot;
        return OptionalLong.of(Math.max(0, Math.round((slot + phase) * 1e6 / framesPerSecond)));
    }

    /**
     * Counts a frame {@code offset} slots from its slot; with the last frame of a window
     * ({@link #SETTLE_FRAMES} after the {@link #SKIP_FRAMES}, then every {@link #FOLLOW_FRAMES}),
     * moves the grid to the window's mean phase and returns how far, in slots. A grid moved earlier
     * would put the next frame less than a slot after the one before, so that slot is taken as
     * filled and the frame dropped: frames stay at least a slot apart.
     */
    private double follow(double offset) {
        if (skipped < SKIP_FRAMES) {
            skipped++;
            return 0;
        }
        windowCos += Math.cos(2 * Math.PI * offset);
        windowSin += Math.sin(2 * Math.PI * offset);
        if (++windowCount < (settled ? FOLLOW_FRAMES : SETTLE_FRAMES)) {
            return 0;
        }
        double agreement = Math.hypot(windowCos, windowSin) / windowCount;
        double shift = Math.atan2(windowSin, windowCos) / (2 * Math.PI);
        boolean first = !settled;
        settled = true;
        windowCount = 0;
        windowCos = 0;
        windowSin = 0;
        if (agreement < SETTLE_AGREEMENT || !first && Math.abs(shift) < FOLLOW_OFFSET) {
            return 0;
        }
        phase += shift;
        if (shift < 0) {
            lastSlot++;
        }
        return shift;
    }
}
