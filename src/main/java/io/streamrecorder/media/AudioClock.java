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
 * arrival clock, averaged over the first seconds and then followed slowly.
 */
final class AudioClock {

    /** After the first seconds, each chunk moves the start by this share of its disagreement: about 10 s. */
    static final double FOLLOW_WEIGHT = 0.001;

    private final ReceiveDelays delays;
    private double startNanos;
    private double countedNanos;
    private long chunksWithDelay;

    AudioClock(ReceiveDelays delays) {
        this.delays = delays;
    }

    /**
     * When the chunk of {@code frames} samples handed over at {@code nowNanos} was captured; empty
     * until the first stats report gives the jitter buffer's delay. A chunk stamped at its hand-over
     * instead would sit late by that whole delay, and the chunks after it would step back by it, a
     * step the audio timeline then takes seconds to make up.
     */
    OptionalLong captureNanos(long nowNanos, int frames, int sampleRate) {
        if (!delays.audioKnown()) {
            return OptionalLong.empty();
        }
        double senderNanos = countedNanos + delays.audioStretchSamples() * 1e9 / sampleRate;
        double arrivalStart = nowNanos - delays.audioNanos() - senderNanos;
        // A running mean at first (the first chunk sets the start outright).
        chunksWithDelay++;
        startNanos += Math.max(1.0 / chunksWithDelay, FOLLOW_WEIGHT) * (arrivalStart - startNanos);
        countedNanos += frames * 1e9 / sampleRate;
        return OptionalLong.of(Math.round(startNanos + senderNanos));
    }
}
