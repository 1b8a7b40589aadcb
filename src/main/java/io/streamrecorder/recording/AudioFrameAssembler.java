package io.streamrecorder.recording;

import java.util.function.Consumer;

/**
 * Turns 10 ms chunks of interleaved 16-bit PCM into the fixed-size planar float frames an AAC encoder
 * takes, on a timeline counted in samples. Counting samples rather than trusting each chunk's time
 * keeps the audio track free of jitter; a chunk that arrives clearly later than the timeline expects
 * (a network gap) is preceded by silence so the audio stays in step with the video.
 */
public final class AudioFrameAssembler {

    /** Gaps shorter than this are arrival jitter, not lost audio. */
    static final long GAP_MICROS = 40_000;

    private final int sampleRate;
    private final int channels;
    private final int frameSize;
    private final float[][] pending;
    private int pendingSamples;
    /** Sample index (since the recording's start) of the first pending sample; -1 before any audio. */
    private long pendingStart = -1;

    public AudioFrameAssembler(int sampleRate, int channels, int frameSize) {
        this.sampleRate = sampleRate;
        this.channels = channels;
        this.frameSize = frameSize;
        this.pending = new float[channels][frameSize];
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
        }
        long gap = expected - nextSample();
        if (gap * 1_000_000 / sampleRate > GAP_MICROS) {
            appendSilence(gap, out);
        }
        byte[] data = chunk.data();
        int sourceChannels = chunk.channels();
        for (int i = 0; i < chunk.frames(); i++) {
            for (int c = 0; c < channels; c++) {
                pending[c][pendingSamples] = sample(data, i, sourceChannels, c);
            }
            advance(out);
        }
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
