package io.streamrecorder.media;

import java.util.OptionalLong;

/**
 * Capture times for the audio chunks of one stream. The audio device pulls 10 ms a little slower
 * than real time, so the jitter buffer keeps compressing the sound, in bursts, and its delay
 * wanders by tens of milliseconds. Times taken from the arrival clock (hand-over minus that delay)
 * wandered with it: beeps a second apart at the sender were not a second apart in the file
 * (SyncClipIT; figures in docs/BENCHMARKS.md, "Recording fidelity: A/V sync, duration, frame
 * rate"). So the clock counts the samples handed over and adds back what the jitter buffer
 * left out, which follows the sender's own clock; only where that count starts is taken from the
 * arrival clock.
 * <p>
 * That start is worked out once per stats report, over the chunks handed over since the report
 * before, from that interval's own figures: its average delay, and the stretch halfway through
 * it. Taken from each chunk instead (its hand-over less the delay of the report before, less the
 * stretch so far), it mixed figures of different moments: in the first seconds, while the jitter
 * buffer settles, moving its delay by 30 ms and stretching or compressing 20 ms of sound in a
 * second, those starts swung by 40 ms, and their mean sat 10-20 ms late for seconds. The
 * intervals' starts are averaged over the first 2 s and then followed with a 1 s time constant:
 * they scatter by a few milliseconds, but when the sender's audio device loses time, every
 * interval from then on starts later by as much, and the browser's own recording shows the same
 * step. Followed over 10 s, such a step left the file 20-40 ms off for many seconds; over 2 s, the
 * pairs of the seconds after it still sat 20-28 ms off in some runs, since the video, on its RTP
 * clock, takes the same step at once (docs/BENCHMARKS.md, "A frame's worth at a resume").
 * <p>
 * A step too large for that, seen by two intervals in a row, is taken at once. When the machine
 * stalls for a few hundred milliseconds, the sender's capture clock jumps by as much: its frames'
 * times jump with it, and the audio that follows arrives that much later than counted. Followed
 * over 2 s, a 0.4 s stall left the file's audio hundreds of milliseconds early for seconds. The
 * intervals' starts otherwise scatter within 25 ms over two intervals, and most of the sender's own
 * steps are 10-30 ms, which the time constant follows.
 */
final class AudioClock {

    /** Chunks whose intervals' starts are averaged (the first 2 s), before the start follows them. */
    static final long AVERAGED_CHUNKS = 200;
    /** After those, each chunk moves the start by this share of its disagreement: about 1 s. */
    static final double FOLLOW_WEIGHT = 0.01;
    /** How far two intervals in a row must start from the start, to one side, for it to jump to the later one. */
    static final long STEP_NANOS = 40_000_000;

    private final ReceiveDelays delays;
    /** The report the current interval began with; null before the first. */
    private ReceiveDelays.AudioReport intervalStart;
    /** Sum over the interval's chunks of their hand-over less the samples counted before them. */
    private double intervalOffsets;
    private int intervalChunks;
    private double countedNanos;
    private double startNanos;
    /** Chunks whose intervals have given the start (none: no start yet); read by the stats poller too. */
    private volatile long chunksInStart;
    /** How far the last interval started from the start; 0 before any. */
    private double lastDisagreement;

    AudioClock(ReceiveDelays delays) {
        this.delays = delays;
    }

    /**
     * When the chunk of {@code frames} samples handed over at {@code nowNanos} was captured; empty
     * until the interval between two stats reports has given the start. A chunk stamped before
     * that, from the hand-over and the delay so far, would put the audio's timeline where the
     * jitter buffer's settling left it, some 10-40 ms off, a step the timeline then takes seconds
     * to make up.
     */
    OptionalLong captureNanos(long nowNanos, int frames, int sampleRate) {
        ReceiveDelays.AudioReport report = delays.audioReport();
        if (report == null) {
            return OptionalLong.empty();
        }
        if (intervalStart == null || report.sequence() != intervalStart.sequence()) {
            if (intervalStart != null && report.sequence() == intervalStart.sequence() + 1 && intervalChunks > 0) {
                follow(intervalStart, report, sampleRate);
            }
            intervalStart = report;
            intervalOffsets = 0;
            intervalChunks = 0;
        }
        intervalOffsets += nowNanos - countedNanos;
        intervalChunks++;
        double senderNanos = countedNanos + report.stretchSamples() * 1e9 / sampleRate;
        countedNanos += frames * 1e9 / sampleRate;
        return chunksInStart == 0 ? OptionalLong.empty() : OptionalLong.of(Math.round(startNanos + senderNanos));
    }

    /** Whether chunks are being stamped. */
    boolean started() {
        return chunksInStart > 0;
    }

    /** Takes in the start the interval from {@code from} to {@code to} gives. */
    private void follow(ReceiveDelays.AudioReport from, ReceiveDelays.AudioReport to, int sampleRate) {
        double stretchNanos = (from.stretchSamples() + to.stretchSamples()) / 2.0 * 1e9 / sampleRate;
        double start = intervalOffsets / intervalChunks - to.delayNanos() - stretchNanos;
        double disagreement = start - startNanos;
        boolean following = chunksInStart >= AVERAGED_CHUNKS;
        chunksInStart += intervalChunks;
        if (following && Math.abs(disagreement) > STEP_NANOS && Math.abs(lastDisagreement) > STEP_NANOS
                && Math.signum(disagreement) == Math.signum(lastDisagreement)) {
            startNanos = start;
            lastDisagreement = 0;
            return;
        }
        lastDisagreement = disagreement;
        // A mean weighted by chunks at first (the first interval sets the start outright).
        double weight = following ? 1 - Math.pow(1 - FOLLOW_WEIGHT, intervalChunks)
                : (double) intervalChunks / chunksInStart;
        startNanos += weight * (start - startNanos);
    }
}
