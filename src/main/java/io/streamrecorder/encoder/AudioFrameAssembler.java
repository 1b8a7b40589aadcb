package io.streamrecorder.encoder;

import java.util.function.Consumer;

/**
 * Turns 10 ms chunks of interleaved 16-bit PCM into the fixed-size planar float frames an AAC encoder
 * takes, on a timeline counted in samples. Counting samples rather than trusting each chunk's time
 * keeps the audio track free of jitter; a chunk that arrives clearly later than the timeline expects
 * (a network gap) is preceded by silence so the audio stays in step with the video.
 * <p>
 * Between gaps the timeline follows the chunks' times by resampling each chunk by up to 2 %. The
 * device pulling audio on the server ticks a little slower than every 10 ms (webrtc-java 0.14's
 * headless audio device re-anchors every tick) and the jitter buffer makes up for it by compressing
 * the sound, so counted samples alone would fall steadily behind the video (SyncClipIT's
 * flash-and-beep clip shows it; figures in docs/BENCHMARKS.md, "Recording fidelity: A/V sync,
 * duration, frame rate"). The chunks' times add back what was compressed away (the media package's
 * audio clock), in steps of a few milliseconds each time the receiver's stats are read: following
 * them spreads each step over the next chunks. Over the first seconds it follows them closely:
 * while NetEq settles it stretches up to 20 ms of sound into the first half second and may then
 * compress 40 ms within a second, 2-3 s in, and the first reports move the chunks' times by up to
 * 15 ms. Followed at 2 % over half a second, the first beep sat 15-20 ms late, and in one run the
 * beeps of seconds 3-5 sat 20-31 ms early.
 * <p>
 * After a cut (a pause left out of the file) whatever lies between the timeline and the next chunk
 * is silence, however short: the cut takes out whole frame periods, and up to one of them would
 * otherwise be taken for jitter and made up by resampling, the sound running early for seconds.
 */
public final class AudioFrameAssembler {

    /** Gaps shorter than this are arrival jitter, not lost audio. */
    static final long GAP_MICROS = 40_000;
    /** Lag is made up over this much time; at a 1 % drift it settles at 5 ms. */
    static final double FOLLOW_SECONDS = 0.5;
    /** At most this much faster or slower: well below what ears notice as a change of pitch. */
    static final double MAX_CORRECTION = 0.02;
    /** Weight of each chunk in the lag average (about half a second of chunks). */
    private static final double SMOOTHING = 0.02;
    /** The first seconds of the timeline, followed closely: each chunk's own lag, made up within 0.1 s, at up to 6 %. */
    static final long SETTLING_MICROS = 4_000_000;
    static final double SETTLING_FOLLOW_SECONDS = 0.1;
    static final double SETTLING_MAX_CORRECTION = 0.06;

    private final int sampleRate;
    private final int channels;
    private final int frameSize;
    private final float[][] pending;
    private int pendingSamples;
    /** Sample index (since the recording's start) of the first pending sample; -1 before any audio. */
    private long pendingStart = -1;
    private long firstSample;
    /** Samples the timeline runs behind the chunks' times, averaged. */
    private double lag;
    /** Input position of the next output sample within the next chunk; -1 is the previous chunk's last sample. */
    private double phase;
    private final float[] previous;
    private boolean cut;

    public AudioFrameAssembler(int sampleRate, int channels, int frameSize) {
        this.sampleRate = sampleRate;
        this.channels = channels;
        this.frameSize = frameSize;
        this.pending = new float[channels][frameSize];
        this.previous = new float[channels];
    }

    /**
     * Appends a chunk captured at {@code ptsMicros}; hands every completed frame to {@code out}. Chunks
     * with another channel count are mixed down or duplicated to the assembler's channels.
     */
    public void push(PcmAudio chunk, long ptsMicros, Consumer<AudioFrame> out) {
        if (chunk.sampleRate() != sampleRate) {
            throw new IllegalArgumentException(
                    "Audio sample rate changed from " + sampleRate + " to " + chunk.sampleRate() + " Hz");
        }
        long expected = ptsMicros * sampleRate / 1_000_000;
        if (pendingStart < 0) {
            pendingStart = expected;
            firstSample = expected;
        }
        long gap = expected - nextSample();
        boolean afterCut = cut;
        cut = false;
        boolean settling = (nextSample() - firstSample) * 1_000_000 / sampleRate < SETTLING_MICROS;
        if (gap * 1_000_000 / sampleRate > GAP_MICROS || afterCut && gap > 0) {
            appendSilence(gap, out);
            lag = 0;
        } else {
            lag += (settling ? 1 : SMOOTHING) * (gap - lag);
        }
        double follow = settling ? SETTLING_FOLLOW_SECONDS : FOLLOW_SECONDS;
        double limit = settling ? SETTLING_MAX_CORRECTION : MAX_CORRECTION;
        double correction = Math.max(-limit, Math.min(limit, lag / (sampleRate * follow)));
        resample(decode(chunk), 1 / (1 + correction), out);
    }

    private float[][] decode(PcmAudio chunk) {
        float[][] samples = new float[channels][chunk.frames()];
        for (int i = 0; i < chunk.frames(); i++) {
            for (int c = 0; c < channels; c++) {
                samples[c][i] = sample(chunk.data(), i, chunk.channels(), c);
            }
        }
        return samples;
    }

    /** Linear interpolation at {@code step} input samples per output sample; exact copies at step 1. */
    private void resample(float[][] samples, double step, Consumer<AudioFrame> out) {
        int length = samples[0].length;
        while (phase <= length - 1) {
            int index = (int) Math.floor(phase);
            double fraction = phase - index;
            for (int c = 0; c < channels; c++) {
                float from = index < 0 ? previous[c] : samples[c][index];
                float to = index + 1 < length ? samples[c][index + 1] : from;
                pending[c][pendingSamples] = (float) (from + (to - from) * fraction);
            }
            advance(out);
            phase += step;
        }
        phase -= length;
        for (int c = 0; c < channels; c++) {
            previous[c] = samples[c][length - 1];
        }
    }

    /** The next chunk follows a cut: the time between is silence. */
    public void cut() {
        cut = true;
    }

    /** Hands over what is pending, padded with silence to a whole frame; call once at the end. */
    public void flush(Consumer<AudioFrame> out) {
        if (pendingSamples > 0) {
            appendSilence(frameSize - pendingSamples, out);
        }
    }

    private long nextSample() {
        return pendingStart + pendingSamples;
    }

    private void appendSilence(long samples, Consumer<AudioFrame> out) {
        for (long i = 0; i < samples; i++) {
            for (int c = 0; c < channels; c++) {
                pending[c][pendingSamples] = 0f;
            }
            advance(out);
        }
    }

    private void advance(Consumer<AudioFrame> out) {
        pendingSamples++;
        if (pendingSamples == frameSize) {
            float[][] planes = new float[channels][];
            for (int c = 0; c < channels; c++) {
                planes[c] = pending[c].clone();
            }
            out.accept(new AudioFrame(planes, pendingStart, sampleRate));
            pendingStart += frameSize;
            pendingSamples = 0;
        }
    }

    private float sample(byte[] data, int frame, int sourceChannels, int targetChannel) {
        if (sourceChannels == channels) {
            return s16(data, frame * sourceChannels + targetChannel);
        }
        if (sourceChannels == 1) {
            return s16(data, frame);
        }
        float sum = 0;
        for (int c = 0; c < sourceChannels; c++) {
            sum += s16(data, frame * sourceChannels + c);
        }
        return sum / sourceChannels;
    }

    private static float s16(byte[] data, int index) {
        int lo = data[2 * index] & 0xff;
        int hi = data[2 * index + 1];
        return (short) ((hi << 8) | lo) / 32768f;
    }

    /** One encoder frame: planar float samples starting at sample {@code firstSample} of the recording. */
    public record AudioFrame(float[][] planes, long firstSample, int sampleRate) {
        public int samples() {
            return planes[0].length;
        }
    }
}
